// Applies every service's migrations to its own schema, as that service's database role
// (`-- --only <service>[,<service>]` for some of them).
import { createServiceDataSource, migrateServiceSchema } from '@nemkonto/platform-persistence';
import { serviceConfigSchema } from '@nemkonto/platform-service-kit';
import { serviceDefinitions } from './service-definitions';

async function main(): Promise<void> {
  const at = process.argv.indexOf('--only');
  const only = at < 0 ? null : new Set((process.argv[at + 1] ?? '').split(','));
  const unknown = [...(only ?? [])].filter((n) => !serviceDefinitions.some((d) => d.name === n));
  if (unknown.length > 0) throw new Error(`unknown service ${unknown.join(', ')}`);
  for (const def of serviceDefinitions) {
    if (only && !only.has(def.name)) continue;
    const config = serviceConfigSchema(def).parse(process.env);
    const ds = createServiceDataSource({
      url: config.NK_DB_URL,
      schema: config.NK_DB_SCHEMA,
      applicationName: `${def.name}:migrate`,
      poolSize: 1,
      migrations: def.migrations,
    });
    await ds.initialize();
    try {
      const applied = await migrateServiceSchema(ds);
      console.log(
        `${def.name.padEnd(20)} schema ${config.NK_DB_SCHEMA.padEnd(11)} ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`,
      );
    } finally {
      await ds.destroy();
    }
  }
}

main().catch((err: unknown) => {
  console.error(`migration failed: ${(err as Error).message}`);
  process.exit(1);
});
