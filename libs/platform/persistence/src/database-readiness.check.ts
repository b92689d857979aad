import { DataSource } from 'typeorm';
import { serviceSchemaOf } from './data-source.factory';

export interface DatabaseReadiness {
  readonly up: boolean;
  readonly details: Record<string, unknown>;
}

// Ready means: the database answers and no migration of this service is pending.
export async function checkDatabaseReadiness(dataSource: DataSource): Promise<DatabaseReadiness> {
  if (!dataSource.isInitialized) return { up: false, details: { reason: 'not connected' } };
  await dataSource.query('SELECT 1');
  const pending = await dataSource.showMigrations();
  return pending
    ? { up: false, details: { reason: 'migrations pending: run `npm run migrate`' } }
    : { up: true, details: { schema: serviceSchemaOf(dataSource) } };
}
