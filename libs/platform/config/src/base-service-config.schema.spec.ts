import { z } from 'zod';
import { baseServiceConfigSchema } from './base-service-config.schema';
import { ConfigValidationError } from './config-validation.error';
import { loadConfig } from './load-config';

const required = { NK_SERVICE_NAME: 'account-registry', NK_DB_SCHEMA: 'registry' };

function problemsFor(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadConfig(baseServiceConfigSchema, { ...required, ...env });
  } catch (err) {
    if (err instanceof ConfigValidationError) return err.problems;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

describe('baseServiceConfigSchema', () => {
  it('fills every default when only the required variables are set', () => {
    expect(loadConfig(baseServiceConfigSchema, required)).toEqual({
      NK_SERVICE_NAME: 'account-registry',
      NK_HTTP_PORT: 3000,
      NK_DB_URL: 'postgres://postgres@127.0.0.1:5432/nemkonto',
      NK_DB_SCHEMA: 'registry',
      NK_DB_POOL_SIZE: 10,
      NK_AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672/nemkonto',
      NK_AMQP_PREFETCH: 50,
      NK_LOG_LEVEL: 'info',
      NK_OTEL_ENABLED: false,
      NK_OTEL_EXPORTER_OTLP_ENDPOINT: undefined,
      NK_OUTBOX_POLL_MS: 500,
      NK_SHUTDOWN_TIMEOUT_MS: 15000,
    });
  });

  it('reads every variable when set, coercing numbers and booleans', () => {
    const config = loadConfig(baseServiceConfigSchema, {
      ...required,
      NK_HTTP_PORT: '8080',
      NK_DB_URL: 'postgresql://registry:pw@db:5432/nemkonto',
      NK_DB_POOL_SIZE: '100',
      NK_AMQP_URL: 'amqps://u:p@mq/nemkonto',
      NK_AMQP_PREFETCH: '10000',
      NK_LOG_LEVEL: 'debug',
      NK_OTEL_ENABLED: 'true',
      NK_OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      NK_OUTBOX_POLL_MS: '100',
      NK_SHUTDOWN_TIMEOUT_MS: '30000',
    });
    expect(config).toMatchObject({
      NK_HTTP_PORT: 8080,
      NK_DB_URL: 'postgresql://registry:pw@db:5432/nemkonto',
      NK_DB_POOL_SIZE: 100,
      NK_AMQP_URL: 'amqps://u:p@mq/nemkonto',
      NK_AMQP_PREFETCH: 10000,
      NK_LOG_LEVEL: 'debug',
      NK_OTEL_ENABLED: true,
      NK_OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      NK_OUTBOX_POLL_MS: 100,
      NK_SHUTDOWN_TIMEOUT_MS: 30000,
    });
  });

  it('requires the service name and schema', () => {
    expect(problemsFor({ NK_SERVICE_NAME: undefined, NK_DB_SCHEMA: undefined })).toEqual([
      'NK_SERVICE_NAME: expected a kebab-case service name, e.g. account-registry, but it is not set',
      'NK_DB_SCHEMA: expected a Postgres schema name (lower-case letters, digits and _), but it is not set',
    ]);
  });

  it.each(['Account_Registry', '-registry', 'registry-', ''])('refuses the service name %j', (name) => {
    expect(problemsFor({ NK_SERVICE_NAME: name })).toEqual([
      `NK_SERVICE_NAME: expected a kebab-case service name, e.g. account-registry, got ${JSON.stringify(name)}`,
    ]);
  });

  it.each(['abc', '0', '65536', '80.5', '0x50', '1e3', '', '-1'])('refuses the port %j', (port) => {
    expect(problemsFor({ NK_HTTP_PORT: port })).toEqual([
      `NK_HTTP_PORT: expected a port number 1-65535, got ${JSON.stringify(port)}`,
    ]);
  });

  it.each(['1', '65535', ' 443 '])('accepts the port %j', (port) => {
    expect(loadConfig(baseServiceConfigSchema, { ...required, NK_HTTP_PORT: port }).NK_HTTP_PORT).toBe(
      Number(port),
    );
  });

  it.each(['mysql://db/nemkonto', 'amqp://db/nemkonto'])('refuses the database URL %s', (url) => {
    expect(problemsFor({ NK_DB_URL: url })).toEqual([
      `NK_DB_URL: expected a postgres:// or postgresql:// URL, got "${url}"`,
    ]);
  });

  it.each(['Registry', '1registry', 'reg-istry', 'a'.repeat(64), 'registry; drop table x'])(
    'refuses the schema name %j',
    (schema) => {
      expect(problemsFor({ NK_DB_SCHEMA: schema })[0]).toMatch(
        /^NK_DB_SCHEMA: expected a Postgres schema name/,
      );
    },
  );

  it('accepts a 63-character schema name starting with _', () => {
    const schema = `_${'a'.repeat(62)}`;
    expect(loadConfig(baseServiceConfigSchema, { ...required, NK_DB_SCHEMA: schema }).NK_DB_SCHEMA).toBe(
      schema,
    );
  });

  it.each([
    ['NK_DB_POOL_SIZE', '0', 'an integer 1-100'],
    ['NK_DB_POOL_SIZE', '101', 'an integer 1-100'],
    ['NK_AMQP_PREFETCH', '0', 'an integer 1-10000'],
    ['NK_AMQP_PREFETCH', '10001', 'an integer 1-10000'],
    ['NK_OUTBOX_POLL_MS', 'fast', 'milliseconds 10-60000'],
    ['NK_OUTBOX_POLL_MS', '5', 'milliseconds 10-60000'],
    ['NK_SHUTDOWN_TIMEOUT_MS', '1.5', 'milliseconds 100-600000'],
    ['NK_SHUTDOWN_TIMEOUT_MS', '600001', 'milliseconds 100-600000'],
  ])('refuses %s=%j', (name, value, expected) => {
    expect(problemsFor({ [name]: value })).toEqual([`${name}: expected ${expected}, got "${value}"`]);
  });

  it('refuses an AMQP URL of another scheme, masking its password', () => {
    expect(problemsFor({ NK_AMQP_URL: 'http://nk:hunter2@mq:15672/' })).toEqual([
      'NK_AMQP_URL: expected an amqp:// or amqps:// URL, got "http://nk:****@mq:15672/"',
    ]);
  });

  it('refuses an unknown log level, naming the accepted ones', () => {
    expect(problemsFor({ NK_LOG_LEVEL: 'loud' })).toEqual([
      'NK_LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ]);
  });

  it('reads the OTel flag as a boolean and refuses anything else', () => {
    const enabled = (v: string): boolean =>
      loadConfig(baseServiceConfigSchema, { ...required, NK_OTEL_ENABLED: v }).NK_OTEL_ENABLED;
    expect(['true', '1', 'TRUE', 'false', '0'].map(enabled)).toEqual([true, true, true, false, false]);
    expect(problemsFor({ NK_OTEL_ENABLED: 'yes' })).toEqual([
      'NK_OTEL_ENABLED: expected one of true, false, 1, 0, got "yes"',
    ]);
  });

  it('treats a blank OTLP endpoint as unset and refuses one that is not http(s)', () => {
    expect(
      loadConfig(baseServiceConfigSchema, { ...required, NK_OTEL_EXPORTER_OTLP_ENDPOINT: '' })
        .NK_OTEL_EXPORTER_OTLP_ENDPOINT,
    ).toBeUndefined();
    expect(problemsFor({ NK_OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' })).toEqual([
      'NK_OTEL_EXPORTER_OTLP_ENDPOINT: expected a http:// or https:// URL, got "grpc://collector:4317"',
    ]);
  });

  it('reports every bad variable together', () => {
    expect(
      problemsFor({
        NK_HTTP_PORT: 'abc',
        NK_DB_SCHEMA: 'Bad-Name',
        NK_LOG_LEVEL: 'loud',
        NK_OTEL_ENABLED: 'yes',
      }),
    ).toEqual([
      'NK_HTTP_PORT: expected a port number 1-65535, got "abc"',
      'NK_DB_SCHEMA: expected a Postgres schema name (lower-case letters, digits and _), got "Bad-Name"',
      'NK_LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'NK_OTEL_ENABLED: expected one of true, false, 1, 0, got "yes"',
    ]);
  });

  it('can be extended by a service with its own variables and defaults', () => {
    const schema = baseServiceConfigSchema.extend({
      NK_SERVICE_NAME: z.string().default('payment-intake'),
      NK_INTAKE_MAX_BYTES: z.coerce.number().default(1024),
    });
    expect(loadConfig(schema, { NK_DB_SCHEMA: 'intake' })).toMatchObject({
      NK_SERVICE_NAME: 'payment-intake',
      NK_INTAKE_MAX_BYTES: 1024,
      NK_HTTP_PORT: 3000,
    });
  });
});
