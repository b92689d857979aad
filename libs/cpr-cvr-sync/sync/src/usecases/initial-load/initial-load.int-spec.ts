// The initial load (binary COPY) and its publication against the real Postgres, on an extract
// written by the feed generator's writer format: counts, rejected records and the gaps they
// leave, a second load refused, the same file a no-op, the publication resumable; and a file
// drop interrupted half-way going on where it stopped.
import { PersonStateDto } from '@nemkonto/contracts';
import {
  FeedEvent,
  aCompanyCreated,
  aPersonCreated,
  writeDataRecord,
  writeEndRecord,
  writeStartRecord,
} from '@nemkonto/cpr-cvr-sync-feed-format';
import { Outbox } from '@nemkonto/platform-messaging';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { IntegrationContext, createIntegrationContext, openMigratedDataSource } from '@nemkonto/testing';
import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SyncSchema1764000005000 } from '../../migrations/sync-schema.migration';
import { SequenceTracker } from '../../sequencing/sequence-tracker';
import { syncSettingsFromEnv } from '../../sync.settings';
import { ApplyFeedEventsUseCase } from '../apply-feed-events/apply-feed-events.usecase';
import { CompanyStore } from '../apply-feed-events/company.store';
import { PersonStore } from '../apply-feed-events/person.store';
import { IngestFeedFileUseCase } from '../ingest-feed-file/ingest-feed-file.usecase';
import { InitialLoadUseCase } from './initial-load.usecase';
import { PublishInitialStateUseCase } from './publish-initial-state.usecase';

jest.setTimeout(60_000);
Logger.overrideLogger(false);

const dir = mkdtempSync(join(tmpdir(), 'nk-initial-load-'));

function extract(name: string, source: string, records: (FeedEvent | string)[], last?: number): string {
  const n = records.length;
  const lines = [
    writeStartRecord({
      source,
      kind: 'INITIAL',
      firstSequenceNo: 1,
      lastSequenceNo: last ?? n,
      createdAt: '2026-01-05T05:00:00',
    }),
    ...records.map((r) => (typeof r === 'string' ? r : writeDataRecord(r))),
    writeEndRecord(n),
  ];
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(lines.join('\n') + '\n', 'latin1'));
  return path;
}

// Valid, distinct CPR numbers: DDMMYY and a serial (the 7th digit 0-3 makes them 19xx).
const cpr = (i: number): string =>
  `${String(1 + (i % 28)).padStart(2, '0')}0${1 + (Math.floor(i / 28) % 9)}7${i % 10}${String(1000 + Math.floor(i / 280)).padStart(4, '0')}`;

describe('InitialLoadUseCase and PublishInitialStateUseCase (real Postgres)', () => {
  let infra: IntegrationContext;
  let ds: DataSource;
  let load: InitialLoadUseCase;
  let publication: PublishInitialStateUseCase;

  beforeAll(async () => {
    infra = await createIntegrationContext('syncload');
    ds = await openMigratedDataSource(infra, [OutboxInbox1764000000000, SyncSchema1764000005000]);
    load = new InitialLoadUseCase(ds, new SequenceTracker());
    publication = new PublishInitialStateUseCase(ds, new Outbox('cpr-cvr-sync'), new CompanyStore(), 10);
  });

  afterAll(async () => {
    await ds?.destroy();
    await infra?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads a persons extract, skips malformed and duplicate records by line, and leaves their numbers as gaps', async () => {
    const persons = Array.from({ length: 25_000 }, (_, i) =>
      aPersonCreated({ cpr: cpr(i), sequenceNo: i + 1, firstNames: i % 2 ? 'Åse' : 'Bo' }),
    );
    const records: (FeedEvent | string)[] = [...persons];
    records[99] = writeDataRecord(persons[99]!).replace('Højgaard', 'Høj\u0001aard');
    records[199] = aPersonCreated({ cpr: cpr(5), sequenceNo: 200 });
    records[299] = {
      type: 'person.name-changed',
      sequenceNo: 300,
      effectiveDate: '2026-01-05',
      cpr: cpr(299),
      firstNames: 'X',
      lastName: 'Y',
    };
    const path = extract('cpr-initial.txt', 'CPR', records);
    const progress: number[] = [];
    const report = await load.execute(path, (_, n) => progress.push(n));
    expect(report).toMatchObject({
      status: 'LOADED',
      source: 'CPR',
      records: 25_000,
      persons: 24_997,
      rejected: 3,
    });
    expect(report.errors).toEqual([
      { lineNo: 101, reason: 'columns 84-123: last name has control characters' },
      { lineNo: 201, reason: 'the CPR number is in the extract already' },
      { lineNo: 301, reason: 'a person.name-changed record does not belong in an initial extract' },
    ]);
    expect(report.gaps).toEqual([
      { from: 100, to: 100 },
      { from: 200, to: 200 },
      { from: 300, to: 300 },
    ]);
    expect(progress.at(-1)).toBe(25_000);
    expect(await ds.query(`SELECT count(*)::int AS n FROM persons`)).toEqual([{ n: 24_997 }]);
    expect(
      await ds.query(`SELECT first_names, last_name, name_seq::int AS s FROM persons WHERE cpr = $1`, [
        cpr(1),
      ]),
    ).toEqual([{ first_names: 'Åse', last_name: 'Højgaard', s: 2 }]);
    // The primary key is back.
    expect(
      await ds.query(
        `SELECT conname FROM pg_constraint WHERE conrelid = 'persons'::regclass AND contype = 'p'`,
      ),
    ).toEqual([{ conname: 'persons_pkey' }]);
    expect(
      await ds.query(`SELECT last_contiguous::int AS lc FROM feed_sources WHERE source = 'CPR'`),
    ).toEqual([{ lc: 99 }]);

    // The same file again is a no-op; another extract into a loaded register is refused.
    expect((await load.execute(path)).status).toBe('DUPLICATE');
    const other = extract('cpr-initial-2.txt', 'CPR', [aPersonCreated({ cpr: '0101011234', sequenceNo: 1 })]);
    await expect(load.execute(other)).rejects.toThrow(/the initial load is for an empty register/);
  });

  it('publishes the loaded state in chunks of 1,000, resumably, and only once', async () => {
    expect(await publication.pending()).toEqual(['CPR']);
    const first = await publication.runBatch('CPR');
    expect(first).toEqual({ source: 'CPR', published: 10_000, finished: false });
    // Interrupted here; a second runner goes on from the cursor.
    const again = new PublishInitialStateUseCase(ds, new Outbox('cpr-cvr-sync'), new CompanyStore(), 10);
    let p = await again.runBatch('CPR');
    while (!p.finished) p = await again.runBatch('CPR');
    expect(p.published).toBe(24_997);
    expect(await publication.runBatch('CPR')).toMatchObject({ finished: true, published: 24_997 });
    const bodies = (await ds.query(`SELECT body FROM outbox WHERE message_type = 'sync.person-changed'`)) as {
      body: string;
    }[];
    const payloads = bodies.map(
      (b) => (JSON.parse(b.body) as { payload: { kind: string; persons: PersonStateDto[] } }).payload,
    );
    expect(payloads).toHaveLength(25);
    expect(payloads.every((x) => x.kind === 'INITIAL_LOAD' && x.persons.length <= 1000)).toBe(true);
    const all = payloads.flatMap((x) => x.persons.map((s) => s.cpr));
    expect(new Set(all).size).toBe(24_997);
    expect(payloads[0]?.persons[0]).toMatchObject({ previousCpr: null, status: 'ACTIVE', protected: false });
  });

  it('loads a companies extract with SE and P numbers and publishes them', async () => {
    const path = extract('cvr-initial.txt', 'CVR', [
      aCompanyCreated({ sequenceNo: 1 }),
      {
        type: 'company.se-number-added',
        sequenceNo: 2,
        effectiveDate: '2026-01-05',
        cvr: '13748136',
        seNumber: '31234563',
        address: null,
      },
      {
        type: 'company.p-number-added',
        sequenceNo: 3,
        effectiveDate: '2026-01-05',
        cvr: '13748136',
        pNumber: '1012345678',
        address: null,
      },
      aCompanyCreated({ sequenceNo: 4, cvr: '10004829', status: 'BANKRUPT', statusDate: '2025-12-01' }),
    ]);
    expect(await load.execute(path)).toMatchObject({
      companies: 2,
      seNumbers: 1,
      pNumbers: 1,
      rejected: 0,
      gaps: [],
    });
    let p = await publication.runBatch('CVR');
    while (!p.finished) p = await publication.runBatch('CVR');
    const [body] = (await ds.query(
      `SELECT body FROM outbox WHERE message_type = 'sync.company-changed'`,
    )) as { body: string }[];
    expect((JSON.parse(body!.body) as { payload: unknown }).payload).toEqual({
      source: 'CVR',
      kind: 'INITIAL_LOAD',
      companies: [
        {
          sequenceNo: 4,
          cvr: '10004829',
          seNumbers: [],
          pNumbers: [],
          status: 'BANKRUPT',
          statusDate: '2025-12-01',
          name: 'Jysk Tømrer & Byg ApS',
        },
        {
          sequenceNo: 3,
          cvr: '13748136',
          seNumbers: ['31234563'],
          pNumbers: ['1012345678'],
          status: 'ACTIVE',
          statusDate: null,
          name: 'Jysk Tømrer & Byg ApS',
        },
      ],
    });
  });

  it('refuses a truncated extract as a whole and leaves the register as it was', async () => {
    await ds.query(`TRUNCATE companies, company_se_numbers, company_p_numbers, feed_files CASCADE`);
    await ds.query(`UPDATE feed_sources SET last_contiguous = 0 WHERE source = 'CVR'`);
    await ds.query(`DELETE FROM sequence_gaps WHERE source = 'CVR'`);
    const path = extract('cvr-bad.txt', 'CVR', [aCompanyCreated({ sequenceNo: 1 })]);
    writeFileSync(
      path,
      Buffer.from(
        `${writeStartRecord({ source: 'CVR', kind: 'INITIAL', firstSequenceNo: 1, lastSequenceNo: 1, createdAt: '2026-01-05T05:00:00' })}\n${writeDataRecord(aCompanyCreated({ sequenceNo: 1 }))}\n`,
        'latin1',
      ),
    );
    await expect(load.execute(path)).rejects.toThrow(/no 999 end record/);
    expect(await ds.query(`SELECT count(*)::int AS n FROM companies`)).toEqual([{ n: 0 }]);
    expect(
      await ds.query(
        `SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'companies'::regclass AND contype = 'p'`,
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('resumes an interrupted file drop where it stopped, applying nothing twice', async () => {
    const persons = Array.from({ length: 10 }, (_, i) =>
      aPersonCreated({ cpr: cpr(40_000 + i), sequenceNo: 30_000 + i }),
    );
    const lines = [
      writeStartRecord({
        source: 'CPR',
        kind: 'CHANGE',
        firstSequenceNo: 30_000,
        lastSequenceNo: 30_009,
        createdAt: '2026-01-06T05:00:00',
      }),
      ...persons.map(writeDataRecord),
      writeEndRecord(10),
    ];
    const path = join(dir, 'cpr-changes.txt');
    writeFileSync(path, Buffer.from(lines.join('\n') + '\n', 'latin1'));
    const ingest = new IngestFeedFileUseCase(
      ds,
      new ApplyFeedEventsUseCase(
        new SequenceTracker(),
        new PersonStore(),
        new CompanyStore(),
        new Outbox('cpr-cvr-sync'),
      ),
      syncSettingsFromEnv({ NK_SYNC_FILE_BATCH: '3' }),
    );
    // As if a first run had committed the batch of lines 2-4 and died: its row says go on at 5.
    const { sha256OfFile } = await import('../ingest-feed-file/feed-file-scan');
    await ds.query(
      `INSERT INTO feed_files (file_id, sha256, name, source, kind, records, applied, next_line, status)
       VALUES ('11111111-1111-4111-8111-111111111111', $1, 'cpr-changes.txt', 'CPR', 'CHANGE', 10, 3, 5, 'IN_PROGRESS')`,
      [await sha256OfFile(path)],
    );
    const report = await ingest.execute(path, 'cpr-changes.txt');
    expect(report).toMatchObject({
      fileId: '11111111-1111-4111-8111-111111111111',
      status: 'DONE',
      applied: 10,
      rejected: 0,
    });
    // Lines 2-4 were not read again (in this test they were never applied at all).
    expect(
      await ds.query(`SELECT count(*)::int AS n FROM persons WHERE cpr = ANY($1)`, [
        persons.map((p) => p.cpr),
      ]),
    ).toEqual([{ n: 7 }]);
    expect((await ingest.execute(path, 'cpr-changes.txt')).status).toBe('DUPLICATE');
  });
});
