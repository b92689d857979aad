// Registry benchmark (`npm run bench:registry [-- --persons N --companies N --seconds S]`): loads
// a register of persons and companies with their NemKonti by COPY into a database of its own,
// starts the real account-registry service as its own process on it, and measures single lookups
// over HTTP at concurrency 32 and batch lookups, each audited, against a framework-free baseline
// (node:http + pg, the same statement) in the same run. Ends stdout with one JSON line. See
// bench/README.md.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import { mkdirSync, openSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { SERVICE_NODE_ARGS } from '../../tools/scripts/service-definitions';
import { BenchInfra, createBenchInfra } from '../messaging/bench-infra';
import { CpuMeter, CpuReport } from '../messaging/cpu-meter';
import { LoadFigures, LoadTarget, LookupBodies, runLoad } from './lookup-load';
import { loadRegister, migrateRegistry } from './register-load';
import { SampleKind, SampledParty } from './register-generator';
import { RegistryBenchOptions, parseRegistryBenchOptions } from './registry-options';

const root = join(__dirname, '..', '..');
const SAMPLE_SIZE = 400_000;
const WARM_UP_SECONDS = 3;
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const sha256Hex = (t: string): string => createHash('sha256').update(t).digest('hex');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
}

function startProcess(
  name: string,
  entry: string,
  nodeArgs: readonly string[],
  env: Record<string, string>,
  port: number,
  readyPath: string,
): Promise<Started> {
  mkdirSync(join(root, 'tmp', 'logs'), { recursive: true });
  const out = openSync(join(root, 'tmp', 'logs', `bench-registry-${name}.log`), 'w');
  const child = spawn(process.execPath, [...nodeArgs, '-r', './tools/register.js', entry], {
    cwd: root,
    env: { ...process.env, ...env, NK_HTTP_PORT: String(port) },
    stdio: ['ignore', out, 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  return (async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
      try {
        if ((await fetch(`${url}${readyPath}`)).status === 200) return { child, url };
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${name} was not ready within 60 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
}

async function stopProcess(p: Started | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGTERM');
  await exited;
}

// One lookup per kind of party, through both servers, before anything is measured: the answers
// must be what the register holds.
async function checkAnswers(target: LoadTarget, sample: readonly SampledParty[]): Promise<string> {
  const expected: Record<SampleKind, (a: { found?: boolean; code?: string }) => boolean> = {
    ACCOUNT: (a) => a.found === true,
    MOVED: (a) => a.found === true || a.code !== undefined,
    NO_ACCOUNT: (a) => a.found === false && a.code === 'NO_ACCOUNT',
    UNKNOWN: (a) => a.found === false && a.code === 'NO_ACCOUNT',
    END_MARKED: (a) => a.found === false && a.code === 'END_MARKED',
  };
  const checked: string[] = [];
  for (const kind of Object.keys(expected) as SampleKind[]) {
    const parties = sample.filter((p) => p.expect === kind).slice(0, 3);
    for (const p of parties) {
      const res = await fetch(`${target.url}/lookups`, {
        method: 'POST',
        headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ party: { kind: p.kind, value: p.value } }),
      });
      const answer = (await res.json()) as { found?: boolean; code?: string };
      if (res.status !== 200 || !expected[kind](answer))
        throw new Error(
          `${target.url}: a ${p.kind} lookup of kind ${kind} answered ${res.status} ${JSON.stringify(answer)}`,
        );
    }
    checked.push(`${kind.toLowerCase()} ${parties.length}`);
  }
  return checked.join(', ');
}

interface Measured {
  readonly figures: LoadFigures;
  readonly cpu: CpuReport | undefined;
  readonly audit: { rows: number; outcomes: Record<string, number> };
  readonly loadAverage: string;
  // Postgres buffer reads (pages not in shared_buffers) and hits during the phase.
  readonly blocks: { read: number; hit: number };
}

async function blocksOf(db: Client): Promise<{ read: number; hit: number }> {
  const r = await db.query<{ read: string; hit: string }>(
    `SELECT blks_read AS read, blks_hit AS hit FROM pg_stat_database WHERE datname = current_database()`,
  );
  return { read: Number(r.rows[0]?.read ?? 0), hit: Number(r.rows[0]?.hit ?? 0) };
}

async function backendsOf(db: Client): Promise<number[]> {
  const r = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`,
  );
  return r.rows.map((row) => row.pid);
}

async function auditSince(db: Client, afterId: number): Promise<Measured['audit'] & { lastId: number }> {
  const r = await db.query<{ outcome: string; n: string; last: string }>(
    `SELECT outcome, count(*) AS n, max(id) AS last FROM lookup_audit WHERE id > $1 GROUP BY outcome`,
    [afterId],
  );
  const outcomes: Record<string, number> = {};
  let rows = 0;
  let lastId = afterId;
  for (const row of r.rows) {
    outcomes[row.outcome] = Number(row.n);
    rows += Number(row.n);
    lastId = Math.max(lastId, Number(row.last));
  }
  return { rows, outcomes, lastId };
}

async function measure(
  label: string,
  target: LoadTarget,
  mode: { kind: 'single' } | { kind: 'batch'; size: number },
  bodies: LookupBodies,
  connections: number,
  options: RegistryBenchOptions,
  meter: CpuMeter,
  db: Client,
  // After the warm-up every pool connection is open: look the backends up again.
  refreshBackends: () => Promise<unknown>,
): Promise<Measured> {
  await runLoad(target, mode, bodies, connections, WARM_UP_SECONDS);
  await refreshBackends();
  const before = await auditSince(db, 0);
  const loadAverage = load();
  log(`  ${label}: ${options.seconds} s at ${connections} connections (load average ${loadAverage})`);
  const blocksBefore = await blocksOf(db);
  const from = meter.snapshot();
  const figures = await runLoad(target, mode, bodies, connections, options.seconds);
  const cpu = CpuMeter.report(from, meter.snapshot());
  // The statistics collector reports with a delay of up to a second.
  await new Promise((r) => setTimeout(r, 1_000));
  const blocksAfter = await blocksOf(db);
  const blocks = { read: blocksAfter.read - blocksBefore.read, hit: blocksAfter.hit - blocksBefore.hit };
  // Requests still in flight when the clock stopped may have written their rows too.
  await new Promise((r) => setTimeout(r, 500));
  const audit = await auditSince(db, before.lastId);
  log(
    `    ${Math.round(figures.lookupsPerSec).toLocaleString('en')} lookups/s, p99 ${figures.p99Ms} ms, non-2xx ${figures.non2xx}, errors ${figures.errors}, audit rows ${audit.rows}`,
  );
  return { figures, cpu, audit, loadAverage, blocks };
}

function cpuLines(label: string, cpu: CpuReport | undefined, units: number, unit: string): string[] {
  if (!cpu) return [];
  const per = (s: number): string => `${((s * 1e6) / Math.max(1, units)).toFixed(1).padStart(7)} µs`;
  const rows = [...cpu.seconds].filter(([, s]) => s >= 0.05).sort((x, y) => y[1] - x[1]);
  return [
    `  ${label}: CPU per ${unit} (machine busy ${cpu.busyPercent.toFixed(0)}%, iowait ${cpu.iowaitPercent.toFixed(0)}%)`,
    ...rows.map(
      ([name, s]) =>
        `    ${(name === 'interrupts' ? 'exited processes, interrupts' : name).padEnd(30)} ${s.toFixed(1).padStart(6)} s ${per(s)}`,
    ),
    ...(cpu.others.length ? [`    busiest others: ${cpu.others.join(', ')}`] : []),
  ];
}

async function main(): Promise<void> {
  const options = parseRegistryBenchOptions(process.argv.slice(2));
  log(
    `registry benchmark: ${options.persons.toLocaleString('en')} persons, ${options.companies.toLocaleString('en')} companies (load average ${load()})`,
  );
  const infra: BenchInfra = await createBenchInfra();
  log(`  using ${infra.description}`);
  let service: Started | undefined;
  let baseline: Started | undefined;
  let db: Client | undefined;
  let disposed: Promise<void> | undefined;
  const dispose = (): Promise<void> =>
    (disposed ??= (async () => {
      await Promise.allSettled([stopProcess(service), stopProcess(baseline), db?.end()]);
      await infra.dispose();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`\n${signal}: stopping the servers, removing the benchmark's database and vhost`);
      void dispose().finally(() => process.exit(130));
    });
  }

  let output: string[];
  try {
    await migrateRegistry(infra.dbUrl, infra.schema);
    db = new Client({ connectionString: infra.dbUrl, options: `-c search_path=${infra.schema}` });
    await db.connect();
    const token = `bench-udk-${randomBytes(16).toString('hex')}`;
    await db.query(
      `INSERT INTO channel_authorities (authority_id, name, api_token_sha256, benefit_types, cvr)
       VALUES ('UDK', 'Udbetaling Danmark', $1, '{BOERNEYDELSE}', '29980608')`,
      [sha256Hex(token)],
    );
    await db.query(`INSERT INTO channel_banks VALUES ('DANSKE', 'Danske Bank', 'DABADKKK', $1)`, [
      sha256Hex(`bench-danske-${randomBytes(16).toString('hex')}`),
    ]);
    const loaded = await loadRegister(infra.dbUrl, infra.schema, {
      persons: options.persons,
      companies: options.companies,
      seed: options.seed,
      sampleSize: SAMPLE_SIZE,
    });
    const c = loaded.counts;
    log(
      `  loaded ${c.partyRows.toLocaleString('en')} parties in ${loaded.seconds.toFixed(1)} s (COPY ${loaded.copySeconds.toFixed(1)} s, keys and indexes ${loaded.indexSeconds.toFixed(1)} s; load average ${load()})`,
    );

    if (options.loadOnly) {
      log(`  --load-only: keeping ${infra.description} (search_path ${infra.schema}); drop it when done`);
      process.stdout.write(
        `${JSON.stringify({ bench: 'registry-load', parties: c.partyRows, loadSeconds: loaded.seconds })}\n`,
      );
      await db.end();
      process.exit(0);
    }
    const profileArgs = options.profileDir ? [`--cpu-prof`, `--cpu-prof-dir=${options.profileDir}`] : [];
    if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    service = await startProcess(
      'account-registry',
      'apps/account-registry/src/main.ts',
      [...SERVICE_NODE_ARGS, ...profileArgs],
      {
        NK_DB_URL: infra.dbUrl,
        NK_DB_SCHEMA: infra.schema,
        NK_AMQP_URL: infra.amqpUrl,
        NK_LOG_LEVEL: options.logLevel,
      },
      port,
      '/health/ready',
    );
    baseline = await startProcess(
      'baseline',
      'bench/registry/baseline-server.ts',
      [...SERVICE_NODE_ARGS, ...profileArgs],
      { NK_DB_URL: infra.dbUrl, NK_DB_SCHEMA: infra.schema },
      port + 1,
      '/health',
    );
    const svc: LoadTarget = { url: service.url, token };
    const base: LoadTarget = { url: baseline.url, token };
    log(`  answers checked: service ${await checkAnswers(svc, loaded.sample)}`);
    log(`  answers checked: baseline ${await checkAnswers(base, loaded.sample)}`);

    const bodies = new LookupBodies(loaded.sample, options.batchSize);
    // Other work shares the Postgres server: only the backends connected to this benchmark's
    // database count as its Postgres (the pools keep their connections, so the list holds).
    let backends: number[] = [];
    const meter = new CpuMeter(
      () =>
        new Map([
          ...backends.map((pid) => [pid, 'postgres (this database)'] as const),
          [process.pid, 'bench (autocannon)'],
          [service?.child.pid ?? -1, 'account-registry'],
          [baseline?.child.pid ?? -1, 'baseline (node:http + pg)'],
        ]),
    );
    const single = { kind: 'single' } as const;
    const batch = { kind: 'batch', size: options.batchSize } as const;
    const m = db;
    const run = async (label: string, t: LoadTarget, mode: typeof single | typeof batch, conns: number) => {
      backends = await backendsOf(m);
      return measure(label, t, mode, bodies, conns, options, meter, m, () =>
        backendsOf(m).then((b) => (backends = b)),
      );
    };
    const singles = options.phases.has('single');
    const batches = options.phases.has('batch');
    const batchLabel = `batch of ${options.batchSize}`;
    const svcSingle = singles ? await run('service, single', svc, single, options.connections) : null;
    const baseSingle = singles ? await run('baseline, single', base, single, options.connections) : null;
    const svcBatch = batches
      ? await run(`service, ${batchLabel}`, svc, batch, options.batchConnections)
      : null;
    const baseBatch = batches
      ? await run(`baseline, ${batchLabel}`, base, batch, options.batchConnections)
      : null;

    const phases: [string, Measured | null][] = [
      ['service single', svcSingle],
      ['baseline single', baseSingle],
      [`service batch ×${options.batchSize}`, svcBatch],
      [`baseline batch ×${options.batchSize}`, baseBatch],
    ];
    const rows = phases.flatMap(([label, r]): [string, Measured][] => (r ? [[label, r]] : []));
    const ratio = (x: Measured | null, y: Measured | null): string =>
      x && y ? (x.figures.lookupsPerSec / y.figures.lookupsPerSec).toFixed(2) : '–';
    const rounded = (v: number | undefined): number | null => (v === undefined ? null : Math.round(v));
    const missShare = (a: Measured['audit']): string =>
      `${((100 * (a.rows - (a.outcomes['FOUND'] ?? 0))) / Math.max(1, a.rows)).toFixed(1)}%`;
    output = [
      '',
      `registry: ${c.partyRows.toLocaleString('en')} parties (${c.persons.toLocaleString('en')} persons, ${c.companies.toLocaleString('en')} companies, ${c.se.toLocaleString('en')} SE, ${c.p.toLocaleString('en')} P; ${c.moved} moved CPR numbers), ${c.versionRows.toLocaleString('en')} account versions (${c.pending} pending, ${c.benefitSpecific} benefit-specific), ${c.endMarked.toLocaleString('en')} end-marked; ${c.validated} numbers re-checked by the domain types`,
      `load: ${loaded.seconds.toFixed(1)} s (COPY ${loaded.copySeconds.toFixed(1)} s, keys and indexes ${loaded.indexSeconds.toFixed(1)} s)`,
      '',
      'phase                         lookups/s     req/s   p50 ms   p99 ms   max ms  non-2xx  audit rows  misses  pages read/hit per lookup  load average',
      ...rows.map(
        ([label, r]) =>
          `${label.padEnd(28)} ${Math.round(r.figures.lookupsPerSec).toLocaleString('en').padStart(10)} ${Math.round(r.figures.requestsPerSec).toLocaleString('en').padStart(9)} ${String(r.figures.p50Ms).padStart(8)} ${String(r.figures.p99Ms).padStart(8)} ${String(r.figures.maxMs).padStart(8)} ${String(r.figures.non2xx + r.figures.errors).padStart(8)} ${String(r.audit.rows).padStart(11)} ${missShare(r.audit).padStart(7)}  ${`${(r.blocks.read / Math.max(1, r.audit.rows)).toFixed(1)} / ${(r.blocks.hit / Math.max(1, r.audit.rows)).toFixed(1)}`.padStart(25)}  ${r.loadAverage}`,
      ),
      `ratio service / baseline: single ${ratio(svcSingle, baseSingle)}, batch ${ratio(svcBatch, baseBatch)}`,
      `batch body: ${options.batchSize} lookups, ${bodies.batchBytes.toLocaleString('en')} bytes`,
      '',
      ...cpuLines('load, COPY', loaded.copyCpu, c.partyRows, 'party'),
      ...cpuLines('load, keys and indexes', loaded.indexCpu, c.partyRows, 'party'),
      ...rows.flatMap(([label, r]) => cpuLines(label, r.cpu, r.figures.lookups, 'lookup')),
      JSON.stringify({
        bench: 'registry',
        parties: c.partyRows,
        loadSeconds: Math.round(loaded.seconds * 10) / 10,
        singleLookupRps: rounded(svcSingle?.figures.requestsPerSec),
        singleLookupP99Ms: svcSingle?.figures.p99Ms ?? null,
        batchLookupsPerSec: rounded(svcBatch?.figures.lookupsPerSec),
        baselineSingleLookupRps: rounded(baseSingle?.figures.requestsPerSec),
        baselineSingleLookupP99Ms: baseSingle?.figures.p99Ms ?? null,
        baselineBatchLookupsPerSec: rounded(baseBatch?.figures.lookupsPerSec),
        batchSize: options.batchSize,
        loadAverage: load(),
      }),
    ];
  } finally {
    log('  stopping the servers, removing the benchmark database and vhost');
    await dispose();
  }
  process.stdout.write(`${output.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(`registry benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
