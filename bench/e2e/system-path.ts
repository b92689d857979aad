// The system's path: payment-intake, account-enrichment and bank-dispatch, each its own process
// (FlowSystem), the bundles published to the authority-documents exchange as the authority's
// broker user. The clock runs from the first publish until bank-dispatch has put every payable
// payment into a stored PAYMUL interchange.
import { PartnerDocumentTypes, PartnerExchanges } from '@nemkonto/contracts';
import { connect } from 'amqplib';
import { readFileSync } from 'node:fs';
import {
  FLOW_AUTHORITY,
  FLOW_SERVICES,
  FlowInfra,
  FlowService,
  FlowSystem,
} from '../../tools/e2e/flow-system';
import { CpuMeter, CpuReport } from '../messaging/cpu-meter';
import { PhaseProgress } from '../messaging/progress';
import { Bundle, loadRegister } from './workload';

export interface PathResult {
  readonly payments: number;
  readonly dispatched: number;
  readonly seconds: number;
  readonly paymentsPerSec: number;
  readonly interchanges: number;
  readonly peakRssMb: Record<string, number>;
  readonly timeline: { t: number; dispatched: number }[];
  // CPU seconds per process over the timed phase (services, postgres, rabbitmq, the rest).
  readonly cpu: CpuReport | undefined;
}

// Peak resident set size of a process (VmHWM), in MB.
export function peakRssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

export async function runSystemPath(
  infra: FlowInfra,
  parties: number,
  bundles: readonly Bundle[],
  profileDir?: string,
): Promise<PathResult> {
  const flow = new FlowSystem(infra, {
    // --profile DIR: each service writes a V8 CPU profile there when it stops.
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  try {
    await flow.prepare();
    const loadSeconds = await loadRegister(
      infra.dbUrl,
      `${flow.schemaOf('account-enrichment')}.party_accounts`,
      parties,
    );
    process.stderr.write(
      `  register: ${parties.toLocaleString('en')} parties loaded in ${loadSeconds.toFixed(1)} s\n`,
    );
    await flow.start();
    const dispatch = await flow.db('bank-dispatch');
    const payable = bundles.reduce((n, b) => n + b.payments - b.invalid, 0);
    const total = bundles.reduce((n, b) => n + b.payments, 0);

    const conn = await connect(infra.amqpUrl);
    const ch = await conn.createConfirmChannel();
    const meter = new CpuMeter(
      () =>
        new Map(
          FLOW_SERVICES.map((s) => [flow.pid(s) ?? -1, s] as [number, string]).concat([
            [process.pid, 'benchmark'],
          ]),
        ),
    );
    const cpuFrom = meter.snapshot();
    const started = Date.now();
    const progress = new PhaseProgress('system', payable, started, 'payments');
    // All bundles at once, as an authority's payment run would deliver them.
    for (const b of bundles) {
      ch.publish(PartnerExchanges.authorityDocuments, FLOW_AUTHORITY.id, b.document, {
        persistent: true,
        messageId: b.msgId,
        userId: flow.brokerUser,
        type: PartnerDocumentTypes.pain001,
        contentType: 'application/xml; charset=utf-8',
      });
    }
    await ch.waitForConfirms();
    await conn.close();

    const timeline: { t: number; dispatched: number }[] = [];
    let dispatched = 0;
    const deadline = started + 30 * 60_000;
    while (dispatched < payable) {
      if (Date.now() > deadline) throw new Error(`only ${dispatched}/${payable} dispatched after 30 min`);
      for (const s of FLOW_SERVICES) if (flow.pid(s) === undefined) throw new Error(`${s} is not running`);
      await new Promise((r) => setTimeout(r, 500));
      const [row] = (await dispatch.query(
        // Cheap to ask (a few rows), so the poll itself costs the database next to nothing.
        `SELECT coalesce(sum(payment_count), 0)::int AS n FROM interchanges`,
      )) as { n: number }[];
      dispatched = row?.n ?? 0;
      timeline.push({ t: (Date.now() - started) / 1000, dispatched });
      progress.update(dispatched, '');
    }
    const cpu = CpuMeter.report(cpuFrom, meter.snapshot());
    const seconds = (Date.now() - started) / 1000;
    const [ic] = (await dispatch.query('SELECT count(*)::int AS n FROM interchanges')) as { n: number }[];
    const peak: Record<string, number> = {};
    for (const s of FLOW_SERVICES) peak[s] = peakRssMb(flow.pid(s));
    return {
      payments: total,
      dispatched,
      seconds,
      paymentsPerSec: Math.round(dispatched / seconds),
      interchanges: ic?.n ?? 0,
      peakRssMb: peak,
      timeline,
      cpu,
    };
  } finally {
    await flow.dispose();
  }
}

export type { FlowService };
