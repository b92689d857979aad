import { DataSource } from 'typeorm';
import { serviceSchemaOf } from './data-source.factory';

export interface DatabaseReadiness {
  readonly up: boolean;
  readonly details: Record<string, unknown>;
}

// Ready means: the database answers and no migration of this service is pending.
export async function checkDatabaseReadiness(dataSource: DataSource): Promise<DatabaseReadiness> {
  if (!dataSource.isInitialized) return { up: false, details: { reason: 'not connected' } };
  const schema = serviceSchemaOf(dataSource);
  const found = (await dataSource.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [
    schema,
  ])) as unknown[];
  if (found.length === 0)
    return { up: false, details: { reason: `schema ${schema} missing: run \`npm run migrate\`` } };
  const pending = await dataSource.showMigrations();
  return pending
    ? { up: false, details: { reason: 'migrations pending: run `npm run migrate`' } }
    : { up: true, details: { schema } };
}
