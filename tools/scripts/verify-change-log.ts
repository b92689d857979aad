// `npm run registry:verify-log`: walks the registry's change log from the first entry,
// recomputing every SHA-256 link, and prints where the chain breaks (exit 1) or how many entries
// it checked (exit 0). Connects as account-registry does (NK_DB_URL, NK_DB_SCHEMA).
import { verifyChangeLog } from '@nemkonto/account-registry-register';
import { createServiceDataSource } from '@nemkonto/platform-persistence';
import { serviceConfigSchema } from '@nemkonto/platform-service-kit';
import { serviceDefinition } from '../../apps/account-registry/src/service.definition';

async function main(): Promise<number> {
  const config = serviceConfigSchema(serviceDefinition).parse(process.env);
  const ds = createServiceDataSource({
    url: config.NK_DB_URL,
    schema: config.NK_DB_SCHEMA,
    applicationName: 'account-registry:verify-log',
    poolSize: 1,
  });
  await ds.initialize();
  try {
    const started = Date.now();
    const result = await verifyChangeLog(ds.manager, (n) => process.stderr.write(`\r  checked ${n} entries`));
    process.stderr.write('\n');
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.ok) {
      console.log(`change log intact: ${result.entries} entries, every hash recomputed (${seconds} s)`);
      return 0;
    }
    console.log(
      `CHANGE LOG BROKEN at entry ${result.brokenAt?.seq}: ${result.brokenAt?.problem} (${result.entries} entries before it are intact)`,
    );
    return 1;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`verification failed: ${(err as Error).message}`);
    process.exit(2);
  },
);
