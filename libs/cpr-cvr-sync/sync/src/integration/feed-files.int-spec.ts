// File drops into cpr-cvr-sync as a real process: the drop directory and the operator upload,
// a re-dropped file as a no-op, malformed records reported by line while the rest applies, a
// broken file refused as a whole.
import { PersonStateDto } from '@nemkonto/contracts';
import {
  FeedEvent,
  FeedFileHeader,
  aCompanyCreated,
  aPersonCreated,
  anAddress,
  writeDataRecord,
  writeEndRecord,
  writeStartRecord,
} from '@nemkonto/cpr-cvr-sync-feed-format';
import { expectEventually } from '@nemkonto/testing';
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SyncServiceFixture } from './sync-service.fixture';

jest.setTimeout(120_000);

const d = '2026-02-01';

function feedFile(
  header: Partial<FeedFileHeader>,
  records: readonly (FeedEvent | string)[],
  count?: number,
): Buffer {
  const events = records.filter((r): r is FeedEvent => typeof r !== 'string');
  const seqs = events.map((e) => e.sequenceNo);
  const lines = [
    writeStartRecord({
      source: 'CPR',
      kind: 'CHANGE',
      firstSequenceNo: Math.min(...seqs),
      lastSequenceNo: Math.max(...seqs),
      createdAt: '2026-02-01T05:00:00',
      ...header,
    }),
    ...records.map((r) => (typeof r === 'string' ? r : writeDataRecord(r))),
    writeEndRecord(count ?? records.length),
  ];
  return Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
}

interface Report {
  fileId: string;
  status: string;
  records: number;
  applied: number;
  duplicates: number;
  rejected: number;
  reason: string | null;
  errors: { lineNo: number; reason: string }[];
}

describe('cpr-cvr-sync: feed files (a real process)', () => {
  const sync = new SyncServiceFixture();
  const persons = (): PersonStateDto[] => sync.payloads('sync.person-changed').flatMap((p) => p.persons);

  // Written as *.tmp and renamed, as a sender must, so the job never reads half a file.
  const drop = (name: string, content: Buffer): void => {
    writeFileSync(join(sync.dropDir, `${name}.tmp`), content);
    renameSync(join(sync.dropDir, `${name}.tmp`), join(sync.dropDir, name));
  };
  const handled = (name: string, where: 'done' | 'failed'): Promise<void> =>
    expectEventually(
      () => expect(readdirSync(join(sync.dropDir, where)).some((n) => n.startsWith(name))).toBe(true),
      {
        timeoutMs: 30_000,
      },
    );
  const reportOf = async (name: string): Promise<Report> => {
    const files = (await sync.http('GET', '/operator/feed/files')).json as { fileId: string; name: string }[];
    const f = files.find((x) => x.name === name);
    return (await sync.http('GET', `/operator/feed/files/${f?.fileId ?? ''}`)).json as Report;
  };

  beforeAll(() => sync.start('syncfiles'));
  afterAll(() => sync.stop());

  const A = '2110625629';
  const B = '0101505123';
  const day1 = feedFile({ kind: 'INITIAL' }, [
    aPersonCreated({ cpr: A, sequenceNo: 1 }),
    aPersonCreated({ cpr: B, sequenceNo: 2, firstNames: 'Anne', lastName: 'Holm', protected: true }),
  ]);

  it('ingests a dropped file, moves it to done/, and takes the same file again as a no-op', async () => {
    drop('cpr-day1.txt', day1);
    await handled('cpr-day1.txt', 'done');
    expect(existsSync(join(sync.dropDir, 'cpr-day1.txt'))).toBe(false);
    expect(await reportOf('cpr-day1.txt')).toMatchObject({
      status: 'DONE',
      records: 2,
      applied: 2,
      rejected: 0,
    });
    await expectEventually(() => expect(persons().map((p) => p.cpr)).toEqual([B, A].sort()));
    expect(persons().find((p) => p.cpr === B)).toMatchObject({ name: null, protected: true });

    const published = sync.published.length;
    drop('cpr-day1-again.txt', day1);
    await handled('cpr-day1-again.txt', 'done');
    // The same bytes (SHA-256): nothing applied, no second file row.
    const files = (await sync.http('GET', '/operator/feed/files')).json as { name: string }[];
    expect(files.filter((f) => f.name.startsWith('cpr-day1'))).toHaveLength(1);
    expect(sync.published.length).toBe(published);
  });

  it('reports malformed records with line and reason and applies the rest', async () => {
    const good = writeDataRecord({
      type: 'person.address-changed',
      sequenceNo: 3,
      effectiveDate: d,
      cpr: A,
      address: anAddress({ city: 'Vejle' }),
    });
    const content = feedFile({}, [
      {
        type: 'person.name-changed',
        sequenceNo: 4,
        effectiveDate: d,
        cpr: A,
        firstNames: 'Ib',
        lastName: 'Holm',
      },
      good.slice(0, 15) + '3213901234' + good.slice(25),
      '007' + good.slice(3),
      writeDataRecord(aCompanyCreated({ sequenceNo: 6 })),
      {
        type: 'person.status-changed',
        sequenceNo: 7,
        effectiveDate: d,
        cpr: B,
        status: 'DEAD',
        statusDate: '2026-01-31',
      },
    ]);
    drop('cpr-day2.txt', content);
    await handled('cpr-day2.txt', 'done');
    const report = await reportOf('cpr-day2.txt');
    expect(report).toMatchObject({ status: 'DONE', records: 5, applied: 2, rejected: 3 });
    expect(report.errors).toEqual([
      { lineNo: 3, reason: 'columns 16-25: CPR number is not valid (10 digits, a real birth date)' },
      { lineNo: 4, reason: 'columns 1-3: unknown record type (not 001-006 or 101-106)' },
      { lineNo: 5, reason: 'a company.created record does not belong in a file of source CPR (persons)' },
    ]);
    expect(JSON.stringify(report)).not.toContain('3213901234');
    await expectEventually(() =>
      expect(persons().find((p) => p.cpr === B && p.status === 'DEAD')).toBeDefined(),
    );
    expect(
      persons()
        .filter((p) => p.cpr === A)
        .at(-1),
    ).toMatchObject({ name: 'Ib Holm', sequenceNo: 4 });
    // The malformed records' sequence numbers (3, 5, 6) are missing: reported as gaps.
    const gaps = (await sync.http('GET', '/operator/feed/gaps')).json as {
      source: string;
      openGaps: { fromSeq: number; toSeq: number }[];
    }[];
    expect(gaps.find((g) => g.source === 'CPR')?.openGaps.map((g) => [g.fromSeq, g.toSeq])).toEqual([
      [3, 3],
      [5, 6],
    ]);
  });

  it('refuses a file whose frame is broken (truncated, wrong count) as a whole, into failed/', async () => {
    const truncated = feedFile({}, [aPersonCreated({ cpr: '1503802345', sequenceNo: 8 })]);
    drop('cpr-truncated.txt', truncated.subarray(0, truncated.length - 20));
    await handled('cpr-truncated.txt', 'failed');
    expect(await reportOf('cpr-truncated.txt')).toMatchObject({
      status: 'FAILED',
      applied: 0,
      reason: expect.stringMatching(/end record/),
    });
    drop('cpr-miscounted.txt', feedFile({}, [aPersonCreated({ cpr: '1503802345', sequenceNo: 8 })], 7));
    await handled('cpr-miscounted.txt', 'failed');
    expect((await reportOf('cpr-miscounted.txt')).reason).toBe(
      'line 3: the end record counts 7 records, the file has 1',
    );
    expect(await sync.ds.query(`SELECT 1 FROM persons WHERE cpr = '1503802345'`)).toEqual([]);
  });

  it('takes an operator upload like a dropped file (401 without the token, 422 for a broken file)', async () => {
    const cvr = feedFile({ source: 'CVR', kind: 'INITIAL' }, [
      aCompanyCreated({ sequenceNo: 1 }),
      {
        type: 'company.p-number-added',
        sequenceNo: 2,
        effectiveDate: d,
        cvr: '13748136',
        pNumber: '1012345678',
        address: null,
      },
    ]);
    expect((await sync.http('POST', '/operator/feed/files?name=cvr-1.txt', cvr, null)).status).toBe(401);
    const up = await sync.http('POST', '/operator/feed/files?name=cvr-1.txt', cvr);
    expect(up.status).toBe(200);
    expect(up.json).toMatchObject({ status: 'DONE', source: 'CVR', kind: 'INITIAL', applied: 2 });
    const again = await sync.http('POST', '/operator/feed/files?name=cvr-1-again.txt', cvr);
    expect(again.json).toMatchObject({ status: 'DUPLICATE', fileId: (up.json as Report).fileId });
    const broken = await sync.http(
      'POST',
      '/operator/feed/files?name=cvr-broken.txt',
      Buffer.from('hello\n'),
    );
    expect(broken.status).toBe(422);
    expect(broken.json).toMatchObject({
      status: 'FAILED',
      reason: 'line 1: the first record must be a 000 start record',
    });
    await expectEventually(() =>
      expect(sync.payloads('sync.company-changed').flatMap((p) => p.companies)).toMatchObject([
        { cvr: '13748136', pNumbers: ['1012345678'] },
      ]),
    );
  });
});
