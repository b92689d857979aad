import { z } from 'zod';
import { ConfigValidationError } from './config-validation.error';
import { describeEnvValue } from './describe-env-value';

// Validates the environment once, at boot, and reports every bad variable at the same time,
// e.g. `NK_HTTP_PORT: expected a port number 1-65535, got "abc"`. Secret values are never echoed.
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = new Set<string>();
  for (const issue of result.error.issues) {
    const variable = issue.path[0];
    const name = issue.path.map(String).join('.') || '(configuration)';
    const value = typeof variable === 'string' ? env[variable] : undefined;
    // A set: one variable failing several checks with the same message is reported once.
    problems.add(`${name}: ${issue.message}, ${describeEnvValue(name, value)}`);
  }
  throw new ConfigValidationError([...problems]);
}
