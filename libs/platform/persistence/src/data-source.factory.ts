import { DataSource, EntitySchema, MixedList } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';

export interface ServiceDataSourceOptions {
  readonly url: string;
  // The service's own schema. Raw SQL in the service uses unqualified names: the pool's
  // search_path is pinned to this schema, so a service cannot silently read another's tables.
  readonly schema: string;
  readonly applicationName: string;
  readonly poolSize?: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations?: MixedList<Function | string>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!IDENTIFIER.test(schema)) {
    throw new Error(`invalid schema name "${schema}": lower-case letters, digits and _ only`);
  }
  return schema;
}

export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource(serviceDataSourceOptions(options));
}

export function serviceDataSourceOptions(options: ServiceDataSourceOptions): PostgresDataSourceOptions {
  const schema = assertSchemaName(options.schema);
  return {
    type: 'postgres',
    url: options.url,
    schema,
    applicationName: options.applicationName,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      options: `-c search_path=${schema}`,
      idleTimeoutMillis: 30_000,
    },
  };
}

// Migrations create their tables in the service schema, so it must exist before the
// migrations table itself is created.
export async function migrateServiceSchema(dataSource: DataSource): Promise<string[]> {
  const schema = serviceSchemaOf(dataSource);
  // Checked first: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema
  // exists, and service roles only own their schema (infra-up creates it).
  const existing = (await dataSource.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [
    schema,
  ])) as unknown[];
  if (existing.length === 0) await dataSource.query(`CREATE SCHEMA "${schema}"`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

export function serviceSchemaOf(dataSource: DataSource): string {
  const schema = 'schema' in dataSource.options ? dataSource.options.schema : undefined;
  if (!schema) throw new Error('data source has no service schema');
  return assertSchemaName(schema);
}
