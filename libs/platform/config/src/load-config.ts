import { z } from 'zod';

export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

const SECRET = /PASSWORD|SECRET|TOKEN|URL/i;

// Validates the environment once, at boot, reporting every bad variable at the same time.
// Values of secret-looking variables (URLs carry credentials) are never echoed.
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.');
    const value = env[name];
    const shown = value === undefined ? 'unset' : SECRET.test(name) ? '(hidden)' : JSON.stringify(value);
    return `${name}: ${issue.message} (got ${shown})`;
  });
  throw new ConfigValidationError(problems);
}

export function loadConfigOrExit<S extends z.ZodType>(schema: S, serviceName: string): z.infer<S> {
  try {
    return loadConfig(schema);
  } catch (err) {
    if (!(err instanceof ConfigValidationError)) throw err;
    // The logger is not up yet: this one message goes straight to stderr.
    process.stderr.write(`[${serviceName}] ${err.message}\n`);
    process.exit(1);
  }
}
