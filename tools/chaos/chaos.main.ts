// `npm run chaos`: the whole system under SIGKILLs and real broker and database restarts, then
// reconciliation (docs/chaos.md). Options: --payments N --authorities N --bundles N (per
// authority) --kills-per-service N --seed N --outages restart|proxy --timeout S --window S --keep-logs.
// Restart commands: NK_CHAOS_RESTART_BROKER, NK_CHAOS_RESTART_DATABASE.
import { createVhost, deleteVhost } from '@nemkonto/testing';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ChaosResult, DEFAULT_RESTART_COMMANDS, chaosJsonLine, chaosPassed, runChaos } from './chaos-run';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const num = (name: string, fallback: number): number => {
  const v = Number(opt(name, String(fallback)));
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a non-negative number`);
  return v;
};

async function main(): Promise<number> {
  const seed = num('seed', Date.now() % 1_000_000);
  const outages = opt('outages', 'restart');
  if (outages !== 'restart' && outages !== 'proxy') throw new Error('--outages is restart or proxy');
  const adminUrl = process.env['NK_CHAOS_ADMIN_DB_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const amqpBase = process.env['NK_CHAOS_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672';
  const runId = `nk_chaos_${Date.now().toString(36)}`;
  const logDir = join(__dirname, '..', '..', 'tmp', 'chaos', runId);
  mkdirSync(logDir, { recursive: true });

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${runId}`);
  await admin.end();
  await createVhost(runId);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${runId}`;
  let result: ChaosResult | undefined;
  try {
    result = await runChaos(
      { dbUrl: dbUrl.toString(), schema: 'chaos', amqpUrl: `${amqpBase}/${runId}`, vhost: runId },
      {
        payments: num('payments', 200_000),
        authorities: num('authorities', 4),
        bundlesPerAuthority: num('bundles', 10),
        killsPerService: num('kills-per-service', 2),
        seed,
        outages,
        restartCommands: {
          broker: process.env['NK_CHAOS_RESTART_BROKER'] ?? DEFAULT_RESTART_COMMANDS.broker,
          database: process.env['NK_CHAOS_RESTART_DATABASE'] ?? DEFAULT_RESTART_COMMANDS.database,
        },
        windowSeconds: args.includes('--window') ? num('window', 60) : undefined,
        timeoutSeconds: num('timeout', 1800),
        logDir,
        log: (line) => console.log(line),
      },
    );
  } finally {
    await deleteVhost(runId);
    const cleanup = new Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${runId} WITH (FORCE)`);
    await cleanup.end();
  }
  printSummary(result, seed, logDir);
  console.log(chaosJsonLine(result));
  return chaosPassed(result) ? 0 : 1;
}

function printSummary(r: ChaosResult, seed: number, logDir: string): void {
  const n = (v: number): string => v.toLocaleString('en');
  console.log('\n== chaos run');
  console.log(`seed ${seed} (replay: npm run chaos -- --seed ${seed} with the same options)`);
  console.log(
    `duration ${r.durationSeconds} s, quiescent ${r.quiescent ? 'yes' : 'NO'}, recovery ${r.recoverySeconds} s`,
  );
  console.log(`disruptions (${r.disruptions.length}):`);
  for (const d of r.disruptions) console.log(`  ${d}`);
  console.log(`SIGKILLs per service: ${JSON.stringify(r.kills)}`);
  console.log(`services that died by themselves and were started again: ${JSON.stringify(r.selfRestarts)}`);
  console.log(`payments ${n(r.payments)}, payable ${n(r.payable)} (${n(r.payableSumOre)} øre)`);
  console.log(
    `PAYMUL credits ${n(r.paymulCredits)} (${n(r.paymulSumOre)} øre), mismatch ${n(r.sumMismatchOre)} øre`,
  );
  console.log(`answers per code (payments named): ${JSON.stringify(r.byAnswer)}`);
  console.log(`answer redeliveries absorbed by the authorities (same answer id): ${n(r.answerRedeliveries)}`);
  console.log(`dead-lettered messages: ${n(r.deadLettered)}`);
  console.log(`lost ${n(r.lost)}, duplicated ${n(r.duplicated)}`);
  for (const [problem, count] of Object.entries(r.problems))
    console.log(`  ${problem}: ${n(count)} (e.g. ${(r.examples[problem] ?? []).join(', ')})`);
  console.log(`${chaosPassed(r) ? 'PASSED' : 'FAILED'}; service logs in ${logDir}`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
