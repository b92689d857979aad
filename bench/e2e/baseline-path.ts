// The framework-free baseline's run: its own schema (payments, register, dispatch, interchanges)
// and quorum queues in the benchmark's database and vhost, its three stages as processes
// (baseline-stage.ts), the same bundles, and the same clock: first publish until every payable
// payment is in a stored interchange.
import { connect } from 'amqplib';
import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { FlowInfra } from '../../tools/e2e/flow-system';
import { CpuMeter } from '../messaging/cpu-meter';
import { PhaseProgress } from '../messaging/progress';
import { BASELINE_QUEUES } from './baseline-queues';
import { PathResult, peakRssMb } from './system-path';
import { Bundle, loadRegister } from './workload';

const STAGES = ['intake', 'enrichment', 'dispatch'] as const;

async function createSchema(infra: FlowInfra, schema: string): Promise<void> {
  const client = new Client({ connectionString: infra.dbUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path = ${schema}`);
    await client.query(`CREATE TABLE payments (payment_id uuid PRIMARY KEY, end_to_end_id text NOT NULL,
      amount_ore bigint NOT NULL, creditor text NOT NULL, creditor_account text, advice_text text, execution_date date NOT NULL)`);
    await client.query(`CREATE TABLE party_accounts (party_kind text NOT NULL, party_id text NOT NULL,
      party_version integer NOT NULL, nemkonto json NOT NULL, benefit_specific json NOT NULL, end_marked_from date,
      PRIMARY KEY (party_kind, party_id))`);
    await client.query(`CREATE TABLE dispatch (payment_id uuid PRIMARY KEY, amount_ore bigint NOT NULL,
      creditor_account text NOT NULL, advice_text text, execution_date date NOT NULL, state text NOT NULL, interchange_ref text)`);
    await client.query(`CREATE INDEX dispatch_scheduled ON dispatch (payment_id) WHERE state = 'SCHEDULED'`);
    await client.query(
      `CREATE TABLE interchanges (control_ref text PRIMARY KEY, payment_count integer NOT NULL, document text NOT NULL)`,
    );
  } finally {
    await client.end();
  }
}

export async function runBaselinePath(
  infra: FlowInfra,
  parties: number,
  bundles: readonly Bundle[],
): Promise<PathResult> {
  const schema = `${infra.schema}_baseline`;
  const children: ChildProcess[] = [];
  const db = new Client({ connectionString: infra.dbUrl });
  try {
    await createSchema(infra, schema);
    await loadRegister(infra.dbUrl, `${schema}.party_accounts`, parties);
    const conn = await connect(infra.amqpUrl);
    const ch = await conn.createConfirmChannel();
    for (const q of Object.values(BASELINE_QUEUES))
      await ch.assertQueue(q, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    for (const stage of STAGES) {
      const child = fork(join(__dirname, 'baseline-stage.ts'), [stage, infra.dbUrl, schema, infra.amqpUrl], {
        execArgv: ['-r', join(__dirname, '..', '..', 'tools', 'register.js')],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      children.push(child);
      await new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve());
        child.once('exit', (code) => reject(new Error(`baseline ${stage} exited with ${code}`)));
      });
    }
    await db.connect();
    const payable = bundles.reduce((n, b) => n + b.payments - b.invalid, 0);
    const meter = new CpuMeter(
      () =>
        new Map(
          STAGES.map((s, i) => [children[i]?.pid ?? -1, `baseline ${s}`] as [number, string]).concat([
            [process.pid, 'benchmark'],
          ]),
        ),
    );
    const cpuFrom = meter.snapshot();
    const started = Date.now();
    const progress = new PhaseProgress('baseline', payable, started, 'payments');
    for (const b of bundles) ch.sendToQueue(BASELINE_QUEUES.bundles, b.document, { persistent: true });
    await ch.waitForConfirms();
    await conn.close();
    const timeline: { t: number; dispatched: number }[] = [];
    let dispatched = 0;
    while (dispatched < payable) {
      if (Date.now() > started + 30 * 60_000)
        throw new Error(`baseline: ${dispatched}/${payable} after 30 min`);
      if (children.some((c) => c.exitCode !== null)) throw new Error('a baseline stage exited');
      await new Promise((r) => setTimeout(r, 500));
      const { rows } = await db.query<{ n: number }>(
        `SELECT coalesce(sum(payment_count), 0)::int AS n FROM ${schema}.interchanges`,
      );
      dispatched = rows[0]?.n ?? 0;
      timeline.push({ t: (Date.now() - started) / 1000, dispatched });
      progress.update(dispatched);
    }
    const cpu = CpuMeter.report(cpuFrom, meter.snapshot());
    const seconds = (Date.now() - started) / 1000;
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.interchanges`);
    const peak: Record<string, number> = {};
    STAGES.forEach((s, i) => (peak[s] = peakRssMb(children[i]?.pid)));
    return {
      payments: bundles.reduce((n, b) => n + b.payments, 0),
      dispatched,
      seconds,
      paymentsPerSec: Math.round(dispatched / seconds),
      interchanges: rows[0]?.n ?? 0,
      peakRssMb: peak,
      timeline,
      cpu,
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
    );
    await db.end().catch(() => undefined);
    const admin = new Client({ connectionString: infra.dbUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => admin.end());
  }
}
