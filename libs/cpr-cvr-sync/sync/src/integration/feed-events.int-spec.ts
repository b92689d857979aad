// The RabbitMQ feed into cpr-cvr-sync as a real process: every person and company event kind,
// replays, gaps (reported, then closed), out-of-order delivery, and events dead-lettered with
// their reason.
import { CompanyStateDto, PersonStateDto } from '@nemkonto/contracts';
import {
  CompanyEvent,
  PersonEvent,
  aCompanyCreated,
  aPersonCreated,
  anAddress,
} from '@nemkonto/cpr-cvr-sync-feed-format';
import { expectEventually } from '@nemkonto/testing';
import { SyncServiceFixture } from './sync-service.fixture';

jest.setTimeout(120_000);

const d = '2026-02-01';
const A = '2110625629';
const B = '0101505123';
const NEW_A = '2110624444';
const CVR = '13748136';

describe('cpr-cvr-sync: the JSON feed over RabbitMQ (a real process)', () => {
  const sync = new SyncServiceFixture();
  const persons = (): PersonStateDto[] => sync.payloads('sync.person-changed').flatMap((p) => p.persons);
  const companies = (): CompanyStateDto[] =>
    sync.payloads('sync.company-changed').flatMap((p) => p.companies);
  const row = async (sql: string, params: unknown[]) =>
    ((await sync.ds.query(sql, params)) as Record<string, unknown>[])[0];
  const lastContiguous = async (source: string): Promise<number> =>
    Number(
      (await row(`SELECT last_contiguous FROM feed_sources WHERE source = $1`, [source]))?.[
        'last_contiguous'
      ],
    );

  beforeAll(() => sync.start('syncfeed'));
  afterAll(() => sync.stop());

  const personStream: PersonEvent[] = [
    aPersonCreated({ cpr: A, sequenceNo: 1 }),
    aPersonCreated({ cpr: B, sequenceNo: 2, firstNames: 'Anne', lastName: 'Holm', address: null }),
    {
      type: 'person.address-changed',
      sequenceNo: 3,
      effectiveDate: d,
      cpr: A,
      address: anAddress({ street: 'Torvet', houseNo: '1', city: 'Roskilde', postcode: '4000' }),
    },
    {
      type: 'person.name-changed',
      sequenceNo: 4,
      effectiveDate: d,
      cpr: A,
      firstNames: 'Søren',
      lastName: 'Holm',
    },
    { type: 'person.protection-changed', sequenceNo: 5, effectiveDate: d, cpr: A, protected: true },
    { type: 'person.protection-changed', sequenceNo: 6, effectiveDate: d, cpr: A, protected: false },
    {
      type: 'person.status-changed',
      sequenceNo: 7,
      effectiveDate: d,
      cpr: B,
      status: 'EMIGRATED',
      statusDate: '2026-01-20',
    },
    {
      type: 'person.status-changed',
      sequenceNo: 8,
      effectiveDate: d,
      cpr: B,
      status: 'ACTIVE',
      statusDate: '2026-01-28',
    },
    { type: 'person.number-changed', sequenceNo: 9, effectiveDate: d, cpr: NEW_A, previousCpr: A },
    {
      type: 'person.status-changed',
      sequenceNo: 10,
      effectiveDate: d,
      cpr: B,
      status: 'DEAD',
      statusDate: '2026-01-31',
    },
  ];

  it('applies each kind of person event in order and publishes the whole state after each', async () => {
    await sync.feed('CPR', personStream);
    await expectEventually(() =>
      expect(persons().map((p) => p.sequenceNo)).toEqual([1, 2, 4, 5, 6, 7, 8, 9, 10]),
    );
    const s = persons();
    expect(s[0]).toEqual({
      sequenceNo: 1,
      cpr: A,
      previousCpr: null,
      status: 'ACTIVE',
      statusDate: null,
      name: 'Søren Ærø Højgaard',
      protected: false,
    });
    expect(s[2]).toMatchObject({ name: 'Søren Holm' });
    expect(s[3]).toMatchObject({ name: null, protected: true });
    expect(s[4]).toMatchObject({ name: 'Søren Holm', protected: false });
    expect(s[5]).toMatchObject({ cpr: B, status: 'EMIGRATED', statusDate: '2026-01-20' });
    expect(s[6]).toMatchObject({ cpr: B, status: 'ACTIVE', statusDate: null });
    expect(s[7]).toMatchObject({ cpr: NEW_A, previousCpr: A, name: 'Søren Holm' });
    expect(s[8]).toMatchObject({ cpr: B, status: 'DEAD', statusDate: '2026-01-31' });
    // Addresses never leave the service.
    expect(JSON.stringify(sync.published)).not.toMatch(/Torvet|Roskilde|Østergade/);
    expect(await row(`SELECT street, city FROM persons WHERE cpr = $1`, [NEW_A])).toEqual({
      street: 'Torvet',
      city: 'Roskilde',
    });
    expect(await lastContiguous('CPR')).toBe(10);
  });

  it('changes nothing when the whole stream is replayed', async () => {
    const before = sync.published.length;
    // Everything but the protection the marker below sets.
    const snapshot = () =>
      sync.ds
        .query(`SELECT cpr, first_names, last_name, street, city, status, status_date, name_seq, address_seq, status_seq
                       FROM persons ORDER BY cpr`);
    const state = await snapshot();
    await sync.feed('CPR', personStream);
    // A marker after the replay: once it is applied, the replay has been consumed before it.
    await sync.feed('CPR', [
      { type: 'person.protection-changed', sequenceNo: 11, effectiveDate: d, cpr: NEW_A, protected: false },
    ]);
    await expectEventually(async () => expect(await lastContiguous('CPR')).toBe(11));
    // Only the marker's state went out.
    await expectEventually(() => expect(sync.published.length).toBe(before + 1));
    expect(persons().at(-1)).toMatchObject({ sequenceNo: 11, cpr: NEW_A });
    expect(await snapshot()).toEqual(state);
  });

  it('reports a gap (operator endpoint, metrics) and closes it when the missing events come late', async () => {
    await sync.feed('CPR', [
      {
        type: 'person.name-changed',
        sequenceNo: 14,
        effectiveDate: d,
        cpr: NEW_A,
        firstNames: 'Ib',
        lastName: 'Ravn',
      },
    ]);
    await expectEventually(async () => {
      const gaps = (await sync.http('GET', '/operator/feed/gaps')).json as {
        source: string;
        lastContiguous: number;
        openGaps: { fromSeq: number; toSeq: number; missing: number }[];
      }[];
      expect(gaps.find((g) => g.source === 'CPR')).toMatchObject({
        lastContiguous: 11,
        openGaps: [{ fromSeq: 12, toSeq: 13, missing: 2 }],
      });
    });
    expect((await sync.http('GET', '/operator/feed/gaps', undefined, null)).status).toBe(401);
    await expectEventually(async () =>
      expect((await sync.http('GET', '/metrics', undefined, null)).text).toMatch(
        /nk_sync_missing_sequences\{source="CPR"[^}]*\} 2/,
      ),
    );
    // The late ones: 13 is older than 14 for the name, so the name stays Ib Ravn.
    await sync.feed('CPR', [
      {
        type: 'person.name-changed',
        sequenceNo: 13,
        effectiveDate: d,
        cpr: NEW_A,
        firstNames: 'Old',
        lastName: 'Name',
      },
      { type: 'person.protection-changed', sequenceNo: 12, effectiveDate: d, cpr: NEW_A, protected: true },
    ]);
    await expectEventually(async () => expect(await lastContiguous('CPR')).toBe(14));
    const gaps = (await sync.http('GET', '/operator/feed/gaps')).json as {
      source: string;
      openGaps: unknown[];
    }[];
    expect(gaps.find((g) => g.source === 'CPR')?.openGaps).toEqual([]);
    expect(await row(`SELECT first_names, protected FROM persons WHERE cpr = $1`, [NEW_A])).toEqual({
      first_names: 'Ib',
      protected: true,
    });
    // Published through the outbox after the commit: it may reach the test a moment later.
    await expectEventually(() =>
      expect(persons().at(-1)).toMatchObject({ cpr: NEW_A, sequenceNo: 14, name: null, protected: true }),
    );
  });

  it('handles out-of-order delivery: the newest value of each aspect wins', async () => {
    const C = '1503802345';
    const events: PersonEvent[] = [
      aPersonCreated({ cpr: C, sequenceNo: 15, firstNames: 'Karen', lastName: 'Dahl' }),
      {
        type: 'person.address-changed',
        sequenceNo: 16,
        effectiveDate: d,
        cpr: C,
        address: anAddress({ city: 'Odense C', postcode: '5000' }),
      },
      {
        type: 'person.status-changed',
        sequenceNo: 17,
        effectiveDate: d,
        cpr: C,
        status: 'INCAPACITATED',
        statusDate: '2026-01-15',
      },
      {
        type: 'person.address-changed',
        sequenceNo: 18,
        effectiveDate: d,
        cpr: C,
        address: anAddress({ city: 'Vejle', postcode: '7100' }),
      },
    ];
    await sync.feed('CPR', [events[3]!, events[1]!, events[2]!, events[0]!]);
    await expectEventually(async () => expect(await lastContiguous('CPR')).toBe(18));
    expect(await row(`SELECT first_names, city, status FROM persons WHERE cpr = $1`, [C])).toEqual({
      first_names: 'Karen',
      city: 'Vejle',
      status: 'U',
    });
    await expectEventually(() =>
      expect(
        persons()
          .filter((p) => p.cpr === C)
          .at(-1),
      ).toMatchObject({ status: 'INCAPACITATED', sequenceNo: 18 }),
    );
  });

  it('applies each kind of company event', async () => {
    const stream: CompanyEvent[] = [
      aCompanyCreated({ cvr: CVR, sequenceNo: 1 }),
      {
        type: 'company.p-number-added',
        sequenceNo: 2,
        effectiveDate: d,
        cvr: CVR,
        pNumber: '1012345678',
        address: null,
      },
      {
        type: 'company.se-number-added',
        sequenceNo: 3,
        effectiveDate: d,
        cvr: CVR,
        seNumber: '31234563',
        address: null,
      },
      { type: 'company.name-changed', sequenceNo: 4, effectiveDate: d, cvr: CVR, name: 'Nordisk Data A/S' },
      {
        type: 'company.address-changed',
        sequenceNo: 5,
        effectiveDate: d,
        cvr: CVR,
        address: anAddress({ city: 'Kolding', postcode: '6000' }),
      },
      {
        type: 'company.status-changed',
        sequenceNo: 6,
        effectiveDate: d,
        cvr: CVR,
        status: 'BANKRUPT',
        statusDate: '2026-01-30',
      },
      aCompanyCreated({ cvr: '10007399', sequenceNo: 7, name: 'Øst Byg' }),
      {
        type: 'company.status-changed',
        sequenceNo: 8,
        effectiveDate: d,
        cvr: '10007399',
        status: 'CEASED',
        statusDate: '2026-01-29',
      },
    ];
    await sync.feed('CVR', stream);
    await expectEventually(() => expect(companies().map((c) => c.sequenceNo)).toEqual([1, 2, 3, 4, 6, 7, 8]));
    expect(companies()[2]).toEqual({
      sequenceNo: 3,
      cvr: CVR,
      seNumbers: ['31234563'],
      pNumbers: ['1012345678'],
      status: 'ACTIVE',
      statusDate: null,
      name: 'Jysk Tømrer & Byg ApS',
    });
    expect(companies()[4]).toMatchObject({
      cvr: CVR,
      name: 'Nordisk Data A/S',
      status: 'BANKRUPT',
      statusDate: '2026-01-30',
    });
    expect(companies()[6]).toMatchObject({ cvr: '10007399', status: 'CEASED', statusDate: '2026-01-29' });
    expect(await row(`SELECT city FROM companies WHERE cvr = $1`, [CVR])).toEqual({ city: 'Kolding' });
  });

  it('dead-letters an event it cannot apply, with the reason, and leaves its sequence number missing', async () => {
    const before = await sync.dlqDepth('cpr-cvr-sync.feed-events');
    // Off schema: a CPR number that is no birth date.
    await sync.feed('CVR', [aCompanyCreated({ sequenceNo: 9 })], {
      body: JSON.stringify({ ...aPersonCreated({ cpr: '3213901234', sequenceNo: 19 }), source: 'CPR' }),
    });
    // No user-id: the sender cannot be told from anyone else.
    await sync.feed('CPR', [aPersonCreated({ cpr: '0202020202', sequenceNo: 20 })], { userId: null });
    // A company event on the persons' source.
    await sync.feed('CPR', [aCompanyCreated({ sequenceNo: 21 })], {
      body: JSON.stringify({ ...aCompanyCreated({ sequenceNo: 21 }), source: 'CPR' }),
    });
    await expectEventually(async () =>
      expect(await sync.dlqDepth('cpr-cvr-sync.feed-events')).toBe(before + 3),
    );
    const dead = await sync.dlqMessages('cpr-cvr-sync.feed-events');
    expect(dead.map((m) => m.content.toString())).toEqual(
      expect.arrayContaining([expect.stringContaining('3213901234')]),
    );
    expect(await lastContiguous('CPR')).toBe(18);
    expect(await sync.ds.query(`SELECT 1 FROM persons WHERE cpr = '0202020202'`)).toEqual([]);
    // Sent again properly, the event fills its place.
    await sync.feed('CPR', [aPersonCreated({ cpr: '0202020202', sequenceNo: 20 })]);
    await expectEventually(async () =>
      expect(await sync.ds.query(`SELECT cpr FROM persons WHERE cpr = '0202020202'`)).toHaveLength(1),
    );
  });
});
