import { z } from 'zod';
import { ConfigValidationError } from './config-validation.error';
import { loadConfig } from './load-config';

// For main.ts: a service with bad configuration must not start half-way. The logger is not up
// yet, so this one block goes straight to stderr (the documented exception to "no console").
export function loadConfigOrExit<S extends z.ZodType>(
  schema: S,
  serviceName: string,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  try {
    return loadConfig(schema, env);
  } catch (err) {
    if (!(err instanceof ConfigValidationError)) throw err;
    process.stderr.write(`[${serviceName}] ${err.message}\n`);
    return process.exit(1);
  }
}
