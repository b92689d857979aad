import { createServiceDataSource, migrateServiceSchema } from '@nemkonto/platform-persistence';
import { DataSource, MixedList } from 'typeorm';
import { IntegrationContext } from './integration-context';

// The test file's own schema with a service's migrations applied, as the service would have it.
export async function openMigratedDataSource(
  infra: IntegrationContext,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>,
  schema = infra.schema,
): Promise<DataSource> {
  const ds = createServiceDataSource({
    url: infra.dbUrl,
    schema,
    applicationName: `test:${schema}`,
    migrations,
  });
  await ds.initialize();
  await migrateServiceSchema(ds);
  return ds;
}
