// `npm run bench [-- --quick] [-- --only messaging,registry,e2e]`: runs the benchmarks one after
// another (each compares the system with its framework-free baseline in the same run), then
// writes bench/report.json, bench/REPORT.md and bench/report-throughput.svg. See bench/README.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { MachineInfo, machineInfo } from './machine';
import { ChartPanel, ratesOf, throughputChart } from './throughput-chart';

const root = join(__dirname, '..', '..');
const outDir = join(root, 'bench', 'out');
const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt < 0 ? null : new Set((process.argv[onlyAt + 1] ?? '').split(','));

interface BenchSpec {
  readonly name: 'messaging' | 'registry' | 'e2e';
  readonly script: string;
  readonly args: readonly string[];
  readonly quickArgs: readonly string[];
  // Units per series sample (the messaging bench counts messages of 1,000 payments).
  readonly scale: number;
  readonly unit: string;
}

const BENCHES: readonly BenchSpec[] = [
  {
    name: 'messaging',
    script: 'bench:messaging',
    args: [],
    quickArgs: ['--payments', '100000'],
    scale: 1000,
    unit: 'payments',
  },
  {
    name: 'registry',
    script: 'bench:registry',
    args: [],
    quickArgs: ['--persons', '200000', '--companies', '30000', '--seconds', '10'],
    scale: 1,
    unit: 'lookups',
  },
  {
    name: 'e2e',
    script: 'bench:e2e',
    args: [],
    quickArgs: ['--payments', '100000', '--parties', '200000'],
    scale: 1,
    unit: 'payments',
  },
];

interface SeriesLine {
  readonly label: string;
  readonly unit: string;
  readonly total: number;
  readonly samples: [number, number][];
}

interface BenchRun {
  readonly name: string;
  readonly command: string;
  readonly seconds: number;
  readonly exitCode: number | null;
  readonly result: Record<string, unknown> | null;
  readonly summary: string;
  readonly series: readonly SeriesLine[];
  readonly loadAverageBefore: readonly number[];
}

async function run(spec: BenchSpec): Promise<BenchRun> {
  const seriesFile = join(outDir, `series-${spec.name}.jsonl`);
  rmSync(seriesFile, { force: true });
  const args = ['run', '-s', spec.script, '--', ...(quick ? spec.quickArgs : spec.args)];
  const loadBefore = loadavg().map((l) => Math.round(l * 100) / 100);
  process.stderr.write(`\n== ${spec.name}: npm ${args.join(' ')} (load average ${loadBefore.join(' ')})\n`);
  const started = Date.now();
  const child = spawn('npm', args, {
    cwd: root,
    env: { ...process.env, NK_BENCH_SERIES_FILE: seriesFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    process.stdout.write(d);
  });
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = stdout.trim().split('\n');
  let result: Record<string, unknown> | null = null;
  try {
    result = JSON.parse(lines.at(-1) ?? '') as Record<string, unknown>;
  } catch {
    result = null;
  }
  const series = existsSync(seriesFile)
    ? readFileSync(seriesFile, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as SeriesLine)
    : [];
  return {
    name: spec.name,
    command: `npm ${args.join(' ')}`,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    exitCode,
    result,
    summary: lines.slice(0, -1).join('\n'),
    series,
    loadAverageBefore: loadBefore,
  };
}

interface Figure {
  readonly bench: string;
  readonly figure: string;
  readonly value: number | null;
  readonly baseline: number | null;
  readonly target: string;
  readonly met: boolean | null;
}

const num = (r: Record<string, unknown> | null, k: string): number | null =>
  typeof r?.[k] === 'number' ? (r[k] as number) : null;

// The figures of each benchmark next to its baseline, with the target.
function figuresOf(runs: readonly BenchRun[]): Figure[] {
  const out: Figure[] = [];
  const at = (name: string): Record<string, unknown> | null =>
    runs.find((r) => r.name === name)?.result ?? null;
  const m = at('messaging');
  if (m) {
    const v = num(m, 'platformPaymentsPerSec');
    const b = num(m, 'rawPaymentsPerSec');
    out.push({
      bench: 'messaging',
      figure: 'payments/s outbox → relay → consumer',
      value: v,
      baseline: b,
      target: 'ratio ≥ 0.5',
      met: v !== null && b ? v / b >= 0.5 : null,
    });
  }
  const r = at('registry');
  if (r) {
    const load = num(r, 'loadSeconds');
    const rps = num(r, 'singleLookupRps');
    const p99 = num(r, 'singleLookupP99Ms');
    const batch = num(r, 'batchLookupsPerSec');
    out.push({
      bench: 'registry',
      figure: `load of ${num(r, 'parties') ?? '?'} parties (s)`,
      value: load,
      baseline: null,
      target: '≤ 90 s',
      met: load === null ? null : load <= 90,
    });
    out.push({
      bench: 'registry',
      figure: 'single lookups/s (concurrency 32)',
      value: rps,
      baseline: num(r, 'baselineSingleLookupRps'),
      target: '≥ 3,000',
      met: rps === null ? null : rps >= 3000,
    });
    out.push({
      bench: 'registry',
      figure: 'single lookup p99 (ms)',
      value: p99,
      baseline: num(r, 'baselineSingleLookupP99Ms'),
      target: '≤ 20 ms',
      met: p99 === null ? null : p99 <= 20,
    });
    out.push({
      bench: 'registry',
      figure: 'batch lookups/s',
      value: batch,
      baseline: num(r, 'baselineBatchLookupsPerSec'),
      target: '≥ 100,000',
      met: batch === null ? null : batch >= 100_000,
    });
  }
  const e = at('e2e');
  if (e) {
    const v = num(e, 'paymentsPerSec');
    const b = num(e, 'baselinePaymentsPerSec');
    const rss = e['peakRssMb'] as Record<string, number> | undefined;
    const peak = rss ? Math.max(...Object.values(rss)) : null;
    out.push({
      bench: 'e2e',
      figure: 'payments/s intake → completion → PAYMUL',
      value: v,
      baseline: b,
      target: '≥ 20,000',
      met: v === null ? null : v >= 20_000,
    });
    out.push({
      bench: 'e2e',
      figure: 'ratio to the baseline',
      value: num(e, 'ratio'),
      baseline: null,
      target: '≥ 0.35',
      met: num(e, 'ratio') === null ? null : (num(e, 'ratio') ?? 0) >= 0.35,
    });
    out.push({
      bench: 'e2e',
      figure: 'highest peak RSS of a service (MB)',
      value: peak,
      baseline: null,
      target: '≤ 300 MB',
      met: peak === null ? null : peak <= 300,
    });
  }
  return out;
}

function panels(runs: readonly BenchRun[]): ChartPanel[] {
  return runs
    .filter((r) => r.series.length > 0)
    .map((r) => {
      const spec = BENCHES.find((b) => b.name === r.name);
      const scale = spec?.scale ?? 1;
      return {
        title: r.name,
        unit: spec?.unit ?? 'units',
        series: r.series.map((s) => ({
          label: s.label,
          // About 40 points per path, whatever its length (a short baseline still gets a line).
          points: ratesOf(s.samples, Math.min(2000, Math.max(100, (s.samples.at(-1)?.[0] ?? 0) / 40))).map(
            ([t, v]) => [t, v * scale] as [number, number],
          ),
        })),
      };
    });
}

const cell = (v: number | null): string =>
  v === null ? '–' : v.toLocaleString('en-GB', { maximumFractionDigits: 2 });

function markdown(
  machine: MachineInfo,
  runs: readonly BenchRun[],
  figures: readonly Figure[],
  generatedAt: string,
): string {
  const rows = figures.map(
    (f) =>
      `| ${f.bench} | ${f.figure} | ${cell(f.value)} | ${cell(f.baseline)} | ${f.value !== null && f.baseline ? (f.value / f.baseline).toFixed(2) : '–'} | ${f.target} | ${f.met === null ? '–' : f.met ? 'yes' : '**no**'} |`,
  );
  return [
    '# Benchmark report',
    '',
    `Generated by \`npm run bench${quick ? ' -- --quick' : ''}\` at ${generatedAt}. Each figure was measured in the same run as its framework-free baseline.`,
    '',
    '## Machine',
    '',
    '| | |',
    '| --- | --- |',
    `| CPU | ${machine.cpuModel}, ${machine.cores} cores |`,
    `| memory | ${machine.memoryGiB} GiB |`,
    `| kernel | ${machine.kernel} |`,
    `| Node.js | ${machine.node} |`,
    `| PostgreSQL | ${machine.postgres} |`,
    `| RabbitMQ | ${machine.rabbitmq} |`,
    `| load average at start | ${machine.loadAverageAtStart.join(' ')} |`,
    '',
    'A load average above about 0.5 before a benchmark means other work shared the two cores; its figures are then low.',
    '',
    '## Figures',
    '',
    '| benchmark | figure | NemKonto | baseline | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## Throughput over time',
    '',
    '![throughput over time](report-throughput.svg)',
    '',
    ...runs.flatMap((r) => [
      `## ${r.name}`,
      '',
      `\`${r.command}\`: exit ${r.exitCode}, ${r.seconds} s, load average before ${r.loadAverageBefore.join(' ')}.`,
      '',
      '```',
      r.summary.trim(),
      JSON.stringify(r.result),
      '```',
      '',
    ]),
  ].join('\n');
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const machine = machineInfo();
  const scripts = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const runs: BenchRun[] = [];
  for (const spec of BENCHES) {
    if (only && !only.has(spec.name)) continue;
    if (!scripts[spec.script]) {
      process.stderr.write(`skipping ${spec.name}: no npm script ${spec.script}\n`);
      continue;
    }
    runs.push(await run(spec));
  }
  const figures = figuresOf(runs);
  const generatedAt = new Date().toISOString();
  const report = { generatedAt, quick, machine, figures, runs };
  writeFileSync(join(root, 'bench', 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(root, 'bench', 'report-throughput.svg'), throughputChart(panels(runs)));
  writeFileSync(join(root, 'bench', 'REPORT.md'), `${markdown(machine, runs, figures, generatedAt)}\n`);
  console.log(
    '\nbenchmark            figure                                            NemKonto     baseline   target',
  );
  for (const f of figures)
    console.log(
      `${f.bench.padEnd(20)} ${f.figure.padEnd(48)} ${cell(f.value).padStart(10)} ${cell(f.baseline).padStart(12)}   ${f.target} ${f.met === false ? '(not met)' : ''}`,
    );
  console.log('\nwrote bench/report.json, bench/REPORT.md, bench/report-throughput.svg');
  const failed = runs.filter((r) => r.exitCode !== 0);
  console.log(
    JSON.stringify({
      bench: 'report',
      runs: runs.map((r) => r.name),
      failed: failed.map((r) => r.name),
      figures: figures.length,
    }),
  );
  process.exit(failed.length === 0 ? 0 : 1);
}

void main();
