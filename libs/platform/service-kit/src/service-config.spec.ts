import { serviceConfigSchema } from './service-config';
import { ServiceDefinition } from './service-definition';

const def: ServiceDefinition = {
  name: 'account-registry',
  schema: 'registry',
  dbRole: 'nk_registry',
  httpPort: 3001,
  migrations: [],
};

describe('serviceConfigSchema', () => {
  it("defaults to the service's own schema, role, port and RabbitMQ user", () => {
    const config = serviceConfigSchema(def, { db: '127.0.0.1', amqp: '127.0.0.1' }).parse({});
    expect(config.NK_DB_SCHEMA).toBe('registry');
    expect(config.NK_DB_URL).toBe('postgres://nk_registry:nk_registry@127.0.0.1:5432/nemkonto');
    expect(config.NK_AMQP_URL).toBe('amqp://nk-account-registry:nk-account-registry@127.0.0.1:5672/nemkonto');
    expect(config.NK_HTTP_PORT).toBe(3001);
    expect(config.NK_OTEL_ENABLED).toBe(false);
  });

  it('points the defaults at other hosts when asked (docker compose)', () => {
    const config = serviceConfigSchema(def, { db: 'postgres', amqp: 'rabbitmq' }).parse({});
    expect(config.NK_DB_URL).toBe('postgres://nk_registry:nk_registry@postgres:5432/nemkonto');
    expect(config.NK_AMQP_URL).toBe('amqp://nk-account-registry:nk-account-registry@rabbitmq:5672/nemkonto');
  });

  it.each([
    ['NK_HTTP_PORT', '70000'],
    ['NK_HTTP_PORT', 'abc'],
    ['NK_DB_URL', 'mysql://x@h/db'],
    ['NK_DB_SCHEMA', 'Registry; DROP'],
    ['NK_AMQP_URL', 'http://broker'],
    ['NK_LOG_LEVEL', 'loud'],
    ['NK_OTEL_ENABLED', 'yes'],
    ['NK_DB_POOL_SIZE', '0'],
  ])('rejects %s=%s', (name, value) => {
    const result = serviceConfigSchema(def).safeParse({ [name]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([name]);
  });

  it('coerces numbers and booleans from the environment', () => {
    const config = serviceConfigSchema(def).parse({
      NK_HTTP_PORT: '8080',
      NK_OTEL_ENABLED: '1',
      NK_DB_POOL_SIZE: '4',
    });
    expect(config).toMatchObject({ NK_HTTP_PORT: 8080, NK_OTEL_ENABLED: true, NK_DB_POOL_SIZE: 4 });
  });
});
