import { z } from 'zod';
import { envBoolean } from './env-boolean';
import { envInt } from './env-int';
import { envUrl } from './env-url';

const PINO_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// Unset or empty both mean "not configured" for optional variables (compose files often set
// `VAR=` to blank out a default).
const blankAsUnset = (v: unknown): unknown => (v === '' ? undefined : v);

// The variables every service reads. A service adds its own with `.extend({ ... })`, and may
// override a default the same way (e.g. its own database role in NK_DB_URL).
export const baseServiceConfigSchema = z.object({
  NK_SERVICE_NAME: z
    .string({ error: 'expected a kebab-case service name, e.g. account-registry' })
    .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, {
      error: 'expected a kebab-case service name, e.g. account-registry',
    }),
  NK_HTTP_PORT: envInt(1, 65_535, 'a port number 1-65535').default(3000),
  NK_DB_URL: envUrl(['postgres', 'postgresql']).default('postgres://postgres@127.0.0.1:5432/nemkonto'),
  // Interpolated into SQL as the schema name, hence the strict identifier rule.
  NK_DB_SCHEMA: z
    .string({ error: 'expected a Postgres schema name (lower-case letters, digits and _)' })
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, {
      error: 'expected a Postgres schema name (lower-case letters, digits and _)',
    }),
  NK_DB_POOL_SIZE: envInt(1, 100).default(10),
  NK_AMQP_URL: envUrl(['amqp', 'amqps']).default('amqp://guest:guest@127.0.0.1:5672/nemkonto'),
  NK_AMQP_PREFETCH: envInt(1, 10_000).default(50),
  NK_LOG_LEVEL: z.enum(PINO_LEVELS, { error: `expected one of ${PINO_LEVELS.join(', ')}` }).default('info'),
  NK_OTEL_ENABLED: envBoolean().default(false),
  NK_OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(blankAsUnset, envUrl(['http', 'https']).optional()),
  NK_OUTBOX_POLL_MS: envInt(10, 60_000, 'milliseconds 10-60000').default(500),
  NK_SHUTDOWN_TIMEOUT_MS: envInt(100, 600_000, 'milliseconds 100-600000').default(15_000),
});

export type BaseServiceConfig = z.infer<typeof baseServiceConfigSchema>;
