// A chaos run: the whole system under load while its processes are killed and the broker and
// database go away, then reconciliation. Used by `npm run chaos` (real restarts) and by the
// integration test (outages simulated by cutting TCP proxies). See docs/chaos.md.
import { readEdifact } from '@nemkonto/bank-dispatch-edifact';
import { authorityAnswersQueue, bankOrdersQueue, dlqName } from '@nemkonto/contracts';
import { connect } from 'amqplib';
import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import { BankSimulator } from '../../apps/bank-simulator/src/bank-simulator';
import { AuthorityClient } from './authority-client';
import { Reconciliation, reconcile } from './chaos-reconcile';
import { Disruption, buildSchedule, describeDisruption } from './chaos-schedule';
import {
  CHAOS_BANK,
  CHAOS_SERVICES,
  ChaosAuthority,
  ChaosInfra,
  ChaosService,
  ChaosSystem,
} from './chaos-system';
import { ExpectedPayment, buildBundle, planWorkload } from './chaos-workload';

const run = promisify(exec);

export interface ChaosOptions {
  readonly payments: number;
  readonly authorities: number;
  readonly bundlesPerAuthority: number;
  readonly killsPerService: number;
  readonly seed: number;
  // 'restart': the real servers are restarted with the commands; 'proxy': the services' TCP
  // connections to them are cut and restored (the shared servers keep running).
  readonly outages: 'restart' | 'proxy';
  readonly restartCommands: { readonly broker: string; readonly database: string };
  // The window the disruptions fall into; by default from the expected throughput.
  readonly windowSeconds?: number;
  readonly timeoutSeconds: number;
  readonly logDir?: string;
  readonly log: (line: string) => void;
}

export interface ChaosResult extends Reconciliation {
  readonly recoverySeconds: number;
  readonly durationSeconds: number;
  readonly quiescent: boolean;
  readonly disruptions: readonly string[];
  // Disruptions that could not be made (a restart command failed): the run proves less.
  readonly failedDisruptions: number;
  readonly kills: Record<string, number>;
  readonly selfRestarts: Record<string, number>;
  readonly deadLettered: number;
  readonly answerRedeliveries: number;
}

export const DEFAULT_RESTART_COMMANDS = {
  broker: 'rabbitmqctl stop_app && rabbitmqctl start_app',
  database: 'pg_ctlcluster 15 main restart',
} as const;

// One line a run prints last, for machines.
export function chaosJsonLine(r: ChaosResult): string {
  return JSON.stringify({
    chaos: true,
    payments: r.payments,
    lost: r.lost,
    duplicated: r.duplicated,
    sumMismatchOre: r.sumMismatchOre,
    recoverySeconds: r.recoverySeconds,
  });
}

export function chaosPassed(r: ChaosResult): boolean {
  return (
    r.quiescent &&
    r.failedDisruptions === 0 &&
    r.lost === 0 &&
    r.duplicated === 0 &&
    r.sumMismatchOre === 0 &&
    r.deadLettered === 0
  );
}

export async function runChaos(infra: ChaosInfra, o: ChaosOptions): Promise<ChaosResult> {
  const log = o.log;
  const started = Date.now();
  const authorities: ChaosAuthority[] = Array.from({ length: o.authorities }, (_, i) => ({
    id: `AUT${String(i + 1).padStart(2, '0')}`,
    brokerUser: `${infra.vhost}-aut${i + 1}`,
    password: `chaos-${infra.vhost}-${i + 1}`,
    debitRegNo: '0216',
    debitAccountNo: String(4069158738 + i * 11).slice(-10),
  }));
  const system = new ChaosSystem(infra, {
    authorities,
    proxies: o.outages === 'proxy',
    logDir: o.logDir,
    log,
  });
  const workload = planWorkload(authorities, o.payments, o.bundlesPerAuthority);
  const windowMs = 1000 * (o.windowSeconds ?? Math.max(30, Math.round(o.payments / 1200)));
  const schedule = buildSchedule<ChaosService>({
    seed: o.seed,
    windowMs,
    services: CHAOS_SERVICES,
    killsPerService: o.killsPerService,
    broker: true,
    database: true,
  });
  log(`seed ${o.seed}: ${schedule.length} disruptions within ${windowMs / 1000} s`);
  for (const d of schedule) log(`  ${describeDisruption(d)}`);

  const clients = new Map<string, AuthorityClient>();
  let bank: BankSimulator | undefined;
  try {
    log(`preparing: 5 schemas, ${authorities.length} authorities, ${workload.parties} register parties`);
    await system.prepare(workload.parties);
    await system.startAll();
    log(`services ready: ${CHAOS_SERVICES.map((s) => `${s} :${system.ports[s]}`).join(', ')}`);
    for (const a of authorities) {
      const url = new URL(infra.amqpUrl);
      url.username = encodeURIComponent(a.brokerUser);
      url.password = encodeURIComponent(a.password);
      const client = new AuthorityClient(a.id, url.toString(), log);
      await client.start();
      clients.set(a.id, client);
    }
    bank = new BankSimulator({
      amqpUrl: infra.amqpUrl,
      bankId: CHAOS_BANK.id,
      edifactId: CHAOS_BANK.edifactId,
      rejectShare: 0.02,
      rejectCode: 'ACCOUNT_CLOSED',
      reconnect: true,
      log,
    });
    await bank.start();

    // Bundles spread over most of the window; disruptions as scheduled meanwhile.
    const t0 = Date.now();
    const expected: ExpectedPayment[] = [];
    const today = new Date().toISOString().slice(0, 10);
    let sentBundles = 0;
    const sending = (async () => {
      for (const [i, plan] of workload.bundles.entries()) {
        await waitUntil(t0 + (i * windowMs * 0.8) / workload.bundles.length);
        const { document, expected: fates } = buildBundle(workload, plan, today);
        expected.push(...fates);
        await clients.get(plan.authority.id)?.sendBundle(plan.msgId, document);
        sentBundles++;
      }
    })();
    let lastDisruptionEnd = t0;
    const kills: Record<string, number> = {};
    const done: string[] = [];
    let failedDisruptions = 0;
    const disrupting = Promise.all(
      schedule.map(async (d) => {
        await waitUntil(t0 + d.atMs);
        const { line, ok } = await disrupt(system, d, o);
        done.push(line);
        if (!ok) failedDisruptions++;
        if (d.kind === 'kill') kills[d.service] = (kills[d.service] ?? 0) + 1;
        lastDisruptionEnd = Math.max(lastDisruptionEnd, Date.now());
        log(`  ${line}`);
      }),
    );

    // Progress until every disruption is over and the system is quiescent: every payment
    // answered finally, outboxes drained, queues empty, every service ready.
    const total = o.payments;
    const deadline = started + o.timeoutSeconds * 1000;
    let quiescentAt: number | undefined;
    let disruptionsOver = false;
    void disrupting.then(() => (disruptionsOver = true));
    let sendingOver = false;
    void sending.then(() => (sendingOver = true));
    let lastProgress = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 2000));
      const finals = finalAnswers(clients);
      const over = disruptionsOver && sendingOver;
      const quiet = over && finals >= total && (await isQuiet(system, infra, authorities));
      if (Date.now() - lastProgress > 10_000 || quiet) {
        lastProgress = Date.now();
        log(
          `t+${Math.round((Date.now() - t0) / 1000)}s bundles ${sentBundles}/${workload.bundles.length}, ` +
            `final answers ${finals}/${total}, disruptions ${done.length}/${schedule.length}, ` +
            `credits at the bank ${bank.stats.payments}`,
        );
      }
      if (quiet) {
        quiescentAt = Date.now();
        break;
      }
      if (Date.now() > deadline) {
        log(`not quiescent after ${o.timeoutSeconds} s: reconciling what is there`);
        break;
      }
    }
    await Promise.all([sending, disrupting]);

    const reconciliation = await collect(system, expected, workload.bundles, clients);
    return {
      ...reconciliation,
      recoverySeconds: quiescentAt ? round1((quiescentAt - lastDisruptionEnd) / 1000) : -1,
      durationSeconds: round1((Date.now() - started) / 1000),
      quiescent: quiescentAt !== undefined,
      disruptions: done,
      failedDisruptions,
      kills,
      selfRestarts: { ...system.restarts },
      deadLettered: await deadLettered(system, infra),
      answerRedeliveries: [...clients.values()].reduce((n, c) => n + c.redeliveries, 0),
    };
  } finally {
    await bank?.stop();
    for (const c of clients.values()) await c.stop();
    await system.dispose();
  }
}

async function disrupt(
  system: ChaosSystem,
  d: Disruption<ChaosService>,
  o: ChaosOptions,
): Promise<{ line: string; ok: boolean }> {
  const at = Date.now();
  if (d.kind === 'kill') {
    await system.kill(d.service, d.restartAfterMs);
    return { line: `killed ${d.service} (SIGKILL), started again after ${d.restartAfterMs} ms`, ok: true };
  }
  if (o.outages === 'proxy') {
    const proxy = d.kind === 'broker' ? system.amqpProxy : system.dbProxy;
    await proxy?.cut();
    await new Promise((r) => setTimeout(r, d.outageMs));
    await proxy?.restore();
    return { line: `${d.kind} unreachable for ${d.outageMs} ms (proxy cut)`, ok: true };
  }
  const command = d.kind === 'broker' ? o.restartCommands.broker : o.restartCommands.database;
  try {
    await run(command, { timeout: 180_000 });
  } catch (err) {
    return {
      line: `${d.kind} restart FAILED (${command}): ${(err as Error).message.split('\n')[0] ?? ''}`,
      ok: false,
    };
  }
  return { line: `${d.kind} restarted (${command}) in ${((Date.now() - at) / 1000).toFixed(1)} s`, ok: true };
}

function finalAnswers(clients: ReadonlyMap<string, AuthorityClient>): number {
  let n = 0;
  for (const c of clients.values()) {
    const seen = new Set<string>();
    for (const a of c.answers.values())
      if ([2, 5, 7, 8, 9].includes(a.code)) for (const e of a.endToEndIds) seen.add(e);
    n += seen.size;
  }
  return n;
}

// Nothing left anywhere: outboxes drained, every queue (services', partners') empty with
// nothing unacknowledged, and every service ready.
async function isQuiet(
  system: ChaosSystem,
  infra: ChaosInfra,
  authorities: readonly ChaosAuthority[],
): Promise<boolean> {
  try {
    for (const s of CHAOS_SERVICES) {
      if (!(await system.ready(s))) return false;
      const [row] = (await (
        await system.db(s)
      ).query('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL')) as { n: number }[];
      if ((row?.n ?? 0) > 0) return false;
    }
    const queues = [
      ...system.serviceQueues(),
      ...authorities.map((a) => authorityAnswersQueue(a.id)),
      bankOrdersQueue(CHAOS_BANK.id),
    ];
    const conn = await connect(infra.amqpUrl);
    try {
      const ch = await conn.createChannel();
      for (const q of queues) if ((await ch.checkQueue(q)).messageCount > 0) return false;
    } finally {
      await conn.close().catch(() => undefined);
    }
    // checkQueue counts only ready messages; the unacknowledged ones are in the service's inbox
    // or outbox by the time the next poll asks again.
    return true;
  } catch {
    return false;
  }
}

async function deadLettered(system: ChaosSystem, infra: ChaosInfra): Promise<number> {
  const conn = await connect(infra.amqpUrl);
  try {
    const ch = await conn.createChannel();
    let n = 0;
    for (const q of system.serviceQueues()) n += (await ch.checkQueue(dlqName(q))).messageCount;
    return n;
  } finally {
    await conn.close().catch(() => undefined);
  }
}

async function collect(
  system: ChaosSystem,
  expected: readonly ExpectedPayment[],
  bundles: readonly { authority: ChaosAuthority; msgId: string }[],
  clients: ReadonlyMap<string, AuthorityClient>,
): Promise<Reconciliation> {
  const intake = await system.db('payment-intake');
  const payments = (await intake.query(
    `SELECT authority_id, end_to_end_id, replace(payment_id::text, '-', '') AS ref, state FROM payments`,
  )) as { authority_id: string; end_to_end_id: string; ref: string; state: string }[];
  const refusals = (await intake.query(
    `SELECT b.authority_id, r.end_to_end_id FROM payment_rejections r JOIN bundles b USING (bundle_key)`,
  )) as { authority_id: string; end_to_end_id: string }[];
  const dispatch = await system.db('bank-dispatch');
  const credits: { paymentRef: string; amountOre: number }[] = [];
  // Interchanges read one by one: at 5,000 payments each, they are large.
  const refs = (await dispatch.query(`SELECT control_ref FROM interchanges WHERE format = 'PAYMUL'`)) as {
    control_ref: string;
  }[];
  for (const { control_ref } of refs) {
    const [row] = (await dispatch.query(`SELECT document FROM interchanges WHERE control_ref = $1`, [
      control_ref,
    ])) as { document: string }[];
    credits.push(...paymulCredits(row?.document ?? ''));
  }
  return reconcile({
    expected,
    bundles: bundles.map((b) => ({ authorityId: b.authority.id, msgId: b.msgId })),
    intakePayments: payments.map((p) => ({
      authorityId: p.authority_id,
      endToEndId: p.end_to_end_id,
      paymentRef: p.ref,
      state: p.state,
    })),
    receptionRefusals: refusals.map((r) => ({ authorityId: r.authority_id, endToEndId: r.end_to_end_id })),
    credits,
    answers: new Map([...clients].map(([id, c]) => [id, [...c.answers.values()]])),
  });
}

// Each credit of a PAYMUL (after its SEQ): MOA amount and RFF+CR payment reference.
export function paymulCredits(document: string): { paymentRef: string; amountOre: number }[] {
  const credits: { paymentRef: string; amountOre: number }[] = [];
  let inCredit = false;
  for (const s of readEdifact(document)) {
    if (s.tag === 'SEQ') {
      inCredit = true;
      credits.push({ paymentRef: '', amountOre: 0 });
    }
    const last = credits.at(-1);
    if (!inCredit || !last) continue;
    if (s.tag === 'MOA') last.amountOre = oreOf(s.elements[0]?.[1] ?? '');
    if (s.tag === 'RFF' && s.elements[0]?.[0] === 'CR') last.paymentRef = s.elements[0]?.[1] ?? '';
  }
  return credits;
}

// "1234.56" or "1234,56" → 123456 øre, without floating point.
function oreOf(amount: string): number {
  const [whole = '0', frac = ''] = amount.replace(',', '.').split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
}

function waitUntil(at: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
