// The bulk load of the register: the account-registry schema from the project's migrations,
// then parties and account versions with COPY. The load stands for the initial migration of the
// existing register, so it writes the register's state, not a change per party: the change log
// stays empty (its chain starts at the first change made through the service) and no events are
// published (enrichment would be loaded from the same extract). See bench/README.md.
import {
  OutboxInbox1764000000000,
  createServiceDataSource,
  migrateServiceSchema,
} from '@nemkonto/platform-persistence';
import { REGISTRY_MIGRATIONS } from '@nemkonto/account-registry-register';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { CpuMeter, CpuReport } from '../messaging/cpu-meter';
import { PhaseProgress } from '../messaging/progress';
import {
  GeneratedCounts,
  PARTY_COLUMNS,
  RegisterGenerator,
  SampledParty,
  VERSION_COLUMNS,
} from './register-generator';

export interface LoadResult {
  readonly seconds: number;
  readonly copySeconds: number;
  readonly indexSeconds: number;
  // Where the cores went while copying and while building keys and indexes.
  readonly copyCpu: CpuReport | undefined;
  readonly indexCpu: CpuReport | undefined;
  readonly counts: GeneratedCounts;
  readonly sample: readonly SampledParty[];
}

const TABLES = ['parties', 'account_versions'] as const;
const CHUNK_PARTIES = 20_000;

async function connect(dbUrl: string, schema: string): Promise<Client> {
  const client = new Client({ connectionString: dbUrl, options: `-c search_path=${schema}` });
  await client.connect();
  return client;
}

interface Rebuild {
  readonly table: string;
  readonly sql: string;
  readonly kind: 'primary' | 'index' | 'foreign';
}

// Every index and key of the two tables, dropped before the load and built again after it: one
// sorted build per index is much cheaper than maintaining it row by row. CHECK constraints stay.
async function dropKeysAndIndexes(client: Client): Promise<Rebuild[]> {
  const constraints = await client.query<{ table: string; name: string; def: string; type: string }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def, c.contype AS type
       FROM pg_constraint c
      WHERE c.conrelid IN ('parties'::regclass, 'account_versions'::regclass) AND c.contype IN ('p', 'f', 'u')`,
  );
  const indexes = await client.query<{ table: string; name: string; def: string }>(
    `SELECT tablename AS table, indexname AS name, indexdef AS def FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = ANY($1)
        AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))`,
    [TABLES],
  );
  const rebuild: Rebuild[] = [];
  for (const c of constraints.rows.filter((r) => r.type === 'f')) {
    await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
    rebuild.push({
      table: c.table,
      kind: 'foreign',
      sql: `ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.def}`,
    });
  }
  for (const c of constraints.rows.filter((r) => r.type !== 'f')) {
    await client.query(`ALTER TABLE ${c.table} DROP CONSTRAINT ${c.name}`);
    rebuild.push({
      table: c.table,
      kind: 'primary',
      sql: `ALTER TABLE ${c.table} ADD CONSTRAINT ${c.name} ${c.def}`,
    });
  }
  for (const i of indexes.rows) {
    await client.query(`DROP INDEX ${i.name}`);
    rebuild.push({ table: i.table, kind: 'index', sql: i.def });
  }
  return rebuild;
}

async function write(stream: Writable, rows: Buffer): Promise<void> {
  if (rows.length > 0 && !stream.write(rows)) await once(stream, 'drain');
}

// COPY … FREEZE into a table truncated in the same transaction: rows are written frozen and
// visible, so the first lookups do not rewrite every page to set hint bits.
async function openCopy(client: Client, table: string, columns: readonly string[]): Promise<Writable> {
  await client.query('BEGIN');
  await client.query(`TRUNCATE ${table}`);
  return client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FREEZE)`));
}

async function finishCopy(client: Client, stream: Writable): Promise<void> {
  const done = once(stream, 'finish');
  stream.end();
  await done;
  await client.query('COMMIT');
}

// Two connections build indexes at once (one core each); Postgres's parallel workers help too.
async function runRebuild(clients: readonly Client[], rebuild: readonly Rebuild[]): Promise<void> {
  for (const stage of ['primary', 'index', 'foreign'] as const) {
    if (stage === 'foreign') {
      // Statistics first: without them the foreign key's check (one anti-join over both tables)
      // was planned blind and took 3-5 times as long. Both tables arrive in key order and both
      // keys are indexed, so a merge join over the two indexes is the cheapest check.
      await Promise.all(clients.map((c, i) => c.query(`ANALYZE ${TABLES[i % TABLES.length]}`)));
      for (const c of clients) await c.query('SET enable_hashjoin = off');
    }
    // Longest first, so the two sessions finish together: expression indexes (the account
    // number inside the jsonb), then the larger table's, then wider ones.
    const cost = (r: Rebuild): number =>
      (r.sql.includes('((') ? 100 : 0) + (r.table === 'account_versions' ? 10 : 0) + r.sql.split(',').length;
    const queue = rebuild.filter((r) => r.kind === stage).sort((x, y) => cost(y) - cost(x));
    await Promise.all(
      clients.map(async (client) => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const started = Date.now();
          await client.query(next.sql);
          process.stderr.write(
            `    ${next.sql.slice(0, 110)}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
          );
        }
      }),
    );
  }
}

// Migrates the schema (the service's own migrations, as `npm run migrate` would) and returns.
export async function migrateRegistry(dbUrl: string, schema: string): Promise<void> {
  const ds = createServiceDataSource({
    url: dbUrl,
    schema,
    applicationName: 'bench-registry-migrate',
    migrations: [OutboxInbox1764000000000, ...REGISTRY_MIGRATIONS],
  });
  await ds.initialize();
  try {
    await migrateServiceSchema(ds);
  } finally {
    await ds.destroy();
  }
}

export async function loadRegister(
  dbUrl: string,
  schema: string,
  options: { persons: number; companies: number; seed: number; sampleSize: number },
): Promise<LoadResult> {
  const started = Date.now();
  const [a, b] = [await connect(dbUrl, schema), await connect(dbUrl, schema)];
  const backends = await Promise.all(
    [a, b].map(
      async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid ?? -1,
    ),
  );
  // Index builds also run in parallel workers, which exit before the phase ends: their CPU shows
  // as busy time no process accounts for.
  const meter = new CpuMeter(
    () =>
      new Map([
        [process.pid, 'bench (generating rows)'],
        ...backends.map((pid) => [pid, 'postgres (the two load sessions)'] as const),
      ]),
  );
  const atStart = meter.snapshot();
  try {
    const rebuild = await dropKeysAndIndexes(a);
    const parties = await openCopy(a, 'parties', PARTY_COLUMNS);
    const versions = await openCopy(b, 'account_versions', VERSION_COLUMNS);
    const gen = new RegisterGenerator(options.seed, options.sampleSize);
    const expected = Math.round(options.persons + options.companies * 1.28);
    const progress = new PhaseProgress('load (COPY)', expected, started, 'parties');
    const chunks = (function* () {
      yield* gen.persons(options.persons, CHUNK_PARTIES);
      yield* gen.companies(options.companies, CHUNK_PARTIES);
    })();
    for (const chunk of chunks) {
      await Promise.all([write(parties, chunk.parties), write(versions, chunk.versions)]);
      progress.update(gen.counts.partyRows, `, ${gen.counts.versionRows} account versions`);
    }
    await Promise.all([finishCopy(a, parties), finishCopy(b, versions)]);
    const copied = Date.now();
    const atCopied = meter.snapshot();
    process.stderr.write(
      `  copied ${gen.counts.partyRows} parties and ${gen.counts.versionRows} account versions in ${((copied - started) / 1000).toFixed(1)} s; building keys and indexes\n`,
    );
    // Sorts for the index builds and the foreign key's check in memory (session settings only;
    // the server's configuration is untouched).
    for (const client of [a, b])
      await client.query(`SET maintenance_work_mem = '1GB'; SET work_mem = '512MB'`);
    await runRebuild([a, b], rebuild);
    // VACUUM as after any bulk load: the pages are frozen already, so it only records that, and
    // autovacuum has no reason to scan 8 million fresh rows while lookups are measured.
    await Promise.all([a.query('VACUUM parties'), b.query('VACUUM account_versions')]);
    const done = Date.now();
    return {
      copyCpu: CpuMeter.report(atStart, atCopied),
      indexCpu: CpuMeter.report(atCopied, meter.snapshot()),
      seconds: (done - started) / 1000,
      copySeconds: (copied - started) / 1000,
      indexSeconds: (done - copied) / 1000,
      counts: gen.counts,
      sample: gen.sample,
    };
  } finally {
    await Promise.allSettled([a.end(), b.end()]);
  }
}
