import { z } from 'zod';
import { ServiceDefinition } from './service-definition';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export interface InfraHosts {
  readonly db: string;
  readonly amqp: string;
}

const defaultHosts = (): InfraHosts => ({
  db: process.env['NK_DB_HOST'] ?? '127.0.0.1',
  amqp: process.env['NK_AMQP_HOST'] ?? '127.0.0.1',
});

// Every service reads the same variables; the defaults point at the infrastructure that
// tools/scripts/infra-up.sh (or docker compose) creates: one Postgres role and one RabbitMQ user
// per service, on NK_DB_HOST / NK_AMQP_HOST (127.0.0.1 unless set).
export function serviceConfigSchema(def: ServiceDefinition, hosts: InfraHosts = defaultHosts()) {
  const amqpUser = `nk-${def.name}`;
  return z.object({
    NK_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(def.httpPort),
    NK_DB_URL: z
      .url({ protocol: /^postgres(ql)?$/ })
      .default(`postgres://${def.dbRole}:${def.dbRole}@${hosts.db}:5432/nemkonto`),
    NK_DB_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _ only')
      .default(def.schema),
    NK_DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    NK_AMQP_URL: z
      .url({ protocol: /^amqps?$/ })
      .default(`amqp://${amqpUser}:${amqpUser}@${hosts.amqp}:5672/nemkonto`),
    NK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NK_OTEL_ENABLED: bool.default(false),
    NK_OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
    NK_OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
    NK_OUTBOX_BATCH: z.coerce.number().int().min(1).max(5_000).default(100),
    // Sent outbox rows are deleted after this many hours (kept meanwhile for inspection).
    NK_OUTBOX_RETENTION_HOURS: z.coerce.number().int().min(1).max(8_760).default(72),
    // SHA-256 (hex) of the operators' bearer token; operator endpoints refuse every call without it.
    NK_OPERATOR_TOKEN_SHA256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'the hex SHA-256 of the token')
      .optional(),
    // How often periodic jobs run (dispatch cycles, hold expiry).
    NK_JOB_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(2_000),
    NK_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
    // Replays and golden tests only: the service's clock starts at this instant (ISO 8601) and
    // runs at real speed from there, so dates in its output are those of the recording.
    NK_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  });
}

export type ServiceConfig = z.infer<ReturnType<typeof serviceConfigSchema>>;
