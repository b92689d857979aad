import { z } from 'zod';
import { ConfigValidationError } from './config-validation.error';
import { envInt } from './env-int';
import { loadConfig } from './load-config';

const schema = z.object({
  NK_HTTP_PORT: envInt(1, 65_535, 'a port number 1-65535').default(3000),
  NK_DB_URL: z.url({ error: 'expected a URL' }),
  NK_DB_PASSWORD: z.string().min(12, { error: 'expected at least 12 characters' }).optional(),
  NK_API_SECRET: z
    .string()
    .regex(/^[a-f0-9]+$/, { error: 'expected hex' })
    .optional(),
  NK_PEER: z.string().regex(/^\w+$/, { error: 'expected a word' }).optional(),
});

function errorFrom(s: z.ZodType, env: Record<string, string | undefined>): ConfigValidationError {
  try {
    loadConfig(s, env);
  } catch (err) {
    if (err instanceof ConfigValidationError) return err;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('returns the parsed, typed configuration', () => {
    const config: { NK_HTTP_PORT: number; NK_DB_URL: string } = loadConfig(schema, {
      NK_DB_URL: 'postgres://x@h/db',
    });
    expect(config).toEqual({ NK_HTTP_PORT: 3000, NK_DB_URL: 'postgres://x@h/db' });
  });

  it('reads process.env by default', () => {
    const port = z.object({ NK_TEST_ONLY_PORT: envInt(1, 65_535) });
    process.env['NK_TEST_ONLY_PORT'] = '4321';
    try {
      expect(loadConfig(port)).toEqual({ NK_TEST_ONLY_PORT: 4321 });
    } finally {
      delete process.env['NK_TEST_ONLY_PORT'];
    }
  });

  it('lists every bad variable in one error, each with its name, problem and value', () => {
    const error = errorFrom(schema, { NK_HTTP_PORT: 'abc', NK_PEER: 'a b' });
    expect(error.problems).toEqual([
      'NK_HTTP_PORT: expected a port number 1-65535, got "abc"',
      'NK_DB_URL: expected a URL, but it is not set',
      'NK_PEER: expected a word, got "a b"',
    ]);
    expect(error.message).toBe(
      'invalid configuration:\n' +
        '  - NK_HTTP_PORT: expected a port number 1-65535, got "abc"\n' +
        '  - NK_DB_URL: expected a URL, but it is not set\n' +
        '  - NK_PEER: expected a word, got "a b"',
    );
  });

  it('never echoes the values of password or secret variables', () => {
    const error = errorFrom(schema, {
      NK_DB_URL: 'postgres://h/db',
      NK_DB_PASSWORD: 'hunter2',
      NK_API_SECRET: 'xyzzy',
    });
    expect(error.problems).toEqual([
      'NK_DB_PASSWORD: expected at least 12 characters, got a value (hidden)',
      'NK_API_SECRET: expected hex, got a value (hidden)',
    ]);
    expect(error.message).not.toMatch(/hunter2|xyzzy/);
  });

  it('masks the password and query values of a URL, and hides a URL variable it cannot parse', () => {
    const urls = z.object({
      NK_DB_URL: z.url({ protocol: /^postgres$/, error: 'expected a postgres URL' }),
      NK_AMQP_URL: z.url({ error: 'expected a URL' }),
    });
    const error = errorFrom(urls, {
      NK_DB_URL: 'mysql://app:hunter2@db/x?password=xyzzy',
      NK_AMQP_URL: 'amqp//user:hunter2@mq',
    });
    expect(error.problems).toEqual([
      'NK_DB_URL: expected a postgres URL, got "mysql://app:****@db/x?password=****"',
      'NK_AMQP_URL: expected a URL, got a value that is not a URL (hidden)',
    ]);
  });

  it('masks credentials in a URL-shaped value even when the name does not say URL', () => {
    const error = errorFrom(schema, { NK_DB_URL: 'postgres://h/db', NK_PEER: 'amqp://u:hunter2@mq' });
    expect(error.problems).toEqual(['NK_PEER: expected a word, got "amqp://u:****@mq"']);
  });

  it('reports a variable failing several checks with the same message once', () => {
    const port = z.object({ P: z.coerce.number().int({ error: 'bad' }).min(1, { error: 'bad' }) });
    expect(errorFrom(port, { P: '0.5' }).problems).toEqual(['P: bad, got "0.5"']);
  });

  it('shortens very long values', () => {
    const error = errorFrom(schema, { NK_DB_URL: 'postgres://h/db', NK_PEER: 'x '.repeat(500) });
    expect(error.problems[0]?.length).toBeLessThan(200);
  });
});
