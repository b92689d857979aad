// End-to-end benchmark (`npm run bench:e2e [-- --payments N --parties P]`): N payments in bundles
// of pain.001 through intake → completion → dispatch to PAYMUL with every service its own process,
// and the same stages as a framework-free baseline (bare amqplib + pg + saxes) in the same run.
// Ends stdout with one JSON line. See bench/README.md.
import { createBenchInfra } from '../messaging/bench-infra';
import { runBaselinePath } from './baseline-path';
import { PathResult, runSystemPath } from './system-path';
import { buildBundles } from './workload';

function option(flag: string, fallback: number): number {
  const at = process.argv.indexOf(flag);
  if (at < 0) return fallback;
  const n = Number(process.argv[at + 1]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer`);
  return n;
}

function summary(system: PathResult, baseline: PathResult): string[] {
  const row = (label: string, r: PathResult): string =>
    `${label.padEnd(22)} ${String(r.dispatched).padStart(9)} ${r.seconds.toFixed(1).padStart(8)} ${String(r.paymentsPerSec).padStart(10)} ${String(r.interchanges).padStart(13)}   ${Object.entries(
      r.peakRssMb,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`;
  return [
    '',
    'path                   dispatched  seconds  payments/s  interchanges   peak RSS (MB)',
    row('NemKonto services', system),
    row('bare amqplib+pg+saxes', baseline),
    '',
    ...cpuLines(system, baseline),
    '',
    `ratio ${(system.paymentsPerSec / baseline.paymentsPerSec).toFixed(2)} (targets: ≥ 20,000 payments/s, ratio ≥ 0.35, each service ≤ 300 MB)`,
  ];
}

// CPU time per payment by process: where each path spends the machine.
function cpuLines(system: PathResult, baseline: PathResult): string[] {
  const per = (r: PathResult, name: string): string => {
    const s = r.cpu?.seconds.get(name);
    return s === undefined ? '-' : ((s * 1e6) / r.dispatched).toFixed(0);
  };
  const names = (r: PathResult): string[] => [...(r.cpu?.seconds.keys() ?? [])].sort();
  const total = (r: PathResult): string =>
    (([...(r.cpu?.seconds.values() ?? [])].reduce((a, b) => a + b, 0) * 1e6) / r.dispatched).toFixed(0);
  return [
    'CPU µs per payment      NemKonto services        bare baseline',
    ...[...new Set([...names(system), ...names(baseline)])].map(
      (n) => `  ${n.padEnd(22)} ${per(system, n).padStart(8)} ${per(baseline, n).padStart(20)}`,
    ),
    `  ${'total'.padEnd(22)} ${total(system).padStart(8)} ${total(baseline).padStart(20)}   (busy ${system.cpu?.busyPercent.toFixed(0) ?? '?'}% / ${baseline.cpu?.busyPercent.toFixed(0) ?? '?'}% of ${system.cpu?.cores ?? '?'} cores)`,
  ];
}

async function main(): Promise<void> {
  const payments = option('--payments', 1_000_000);
  const parties = option('--parties', 1_000_000);
  const perBundle = option('--per-bundle', 50_000);
  const at = process.argv.indexOf('--profile');
  const profileDir = at < 0 ? undefined : process.argv[at + 1];
  process.stderr.write(
    `e2e benchmark: ${payments.toLocaleString('en')} payments in bundles of ${perBundle.toLocaleString('en')}, register of ${parties.toLocaleString('en')} parties\n`,
  );
  const today = new Date().toISOString().slice(0, 10);
  process.stderr.write('  building bundles\n');
  const bundles = buildBundles(payments, perBundle, parties, today);
  const infra = await createBenchInfra();
  process.stderr.write(`  using ${infra.description}\n`);
  let lines: string[];
  try {
    const baseline = await runBaselinePath(infra, parties, bundles);
    const system = await runSystemPath(infra, parties, bundles, profileDir);
    lines = [
      ...summary(system, baseline),
      JSON.stringify({
        bench: 'e2e',
        payments,
        paymentsPerSec: system.paymentsPerSec,
        baselinePaymentsPerSec: baseline.paymentsPerSec,
        ratio: Number((system.paymentsPerSec / baseline.paymentsPerSec).toFixed(3)),
        peakRssMb: system.peakRssMb,
      }),
    ];
  } finally {
    await infra.dispose();
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(
      `e2e benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
