// `npm run registry:usage-report -- --from 2026-11-01 --to 2026-11-30`: private payers' lookups
// per payer and day with the fee (NK_REGISTRY_PAYER_FEE_ORE per coupling), for billing. Connects
// as account-registry does (NK_DB_URL, NK_DB_SCHEMA). `--json` prints the report as JSON.
import { UsageReportQuery, privatePayerSettingsFromEnv } from '@nemkonto/account-registry-register';
import { copenhagenWallClock, parseIsoDate } from '@nemkonto/domain';
import { createServiceDataSource } from '@nemkonto/platform-persistence';
import { serviceConfigSchema } from '@nemkonto/platform-service-kit';
import { parseArgs } from 'node:util';
import { serviceDefinition } from '../../apps/account-registry/src/service.definition';
import { usageReportTable } from './usage-report-table';

function period(): { from: string; to: string; json: boolean } {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } },
  });
  const today = copenhagenWallClock(new Date()).date;
  const from = values.from ?? `${today.slice(0, 8)}01`;
  const to = values.to ?? today;
  for (const [name, d] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    try {
      parseIsoDate(d);
    } catch {
      throw new Error(`${name} must be a date YYYY-MM-DD`);
    }
  }
  if (from > to) throw new Error('--from must be on or before --to');
  return { from, to, json: values.json ?? false };
}

async function main(): Promise<void> {
  const { from, to, json } = period();
  const config = serviceConfigSchema(serviceDefinition).parse(process.env);
  const ds = createServiceDataSource({
    url: config.NK_DB_URL,
    schema: config.NK_DB_SCHEMA,
    applicationName: 'account-registry:usage-report',
    poolSize: 1,
  });
  await ds.initialize();
  try {
    const report = await new UsageReportQuery(ds, privatePayerSettingsFromEnv()).execute(from, to);
    process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : usageReportTable(report));
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`usage report failed: ${(err as Error).message}`);
  process.exit(1);
});
