import { z } from 'zod';
import { ConfigValidationError, loadConfig } from './load-config';

const schema = z.object({
  NK_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NK_DB_URL: z.url(),
  NK_LOG_LEVEL: z.enum(['info', 'debug']).default('info'),
});

describe('loadConfig', () => {
  it('applies defaults and coerces types', () => {
    expect(loadConfig(schema, { NK_DB_URL: 'postgres://x@h/db' })).toEqual({
      NK_HTTP_PORT: 3000,
      NK_DB_URL: 'postgres://x@h/db',
      NK_LOG_LEVEL: 'info',
    });
  });

  it('reports every bad variable at once, naming each', () => {
    let error: ConfigValidationError | undefined;
    try {
      loadConfig(schema, { NK_HTTP_PORT: 'abc', NK_LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err as ConfigValidationError;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error?.problems).toHaveLength(3);
    expect(error?.message).toMatch(/NK_HTTP_PORT: .*got "abc"/);
    expect(error?.message).toMatch(/NK_DB_URL: .*got unset/);
    expect(error?.message).toMatch(/NK_LOG_LEVEL: .*got "loud"/);
  });

  it('never echoes the value of a secret-looking variable', () => {
    expect(() => loadConfig(schema, { NK_DB_URL: 'not a url with password hunter2' })).toThrow(
      /NK_DB_URL: .*\(hidden\)/,
    );
    expect(() => loadConfig(schema, { NK_DB_URL: 'not a url with password hunter2' })).not.toThrow(/hunter2/);
  });
});
