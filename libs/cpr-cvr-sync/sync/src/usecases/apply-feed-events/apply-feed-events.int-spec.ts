// The apply rules against the real Postgres: every event kind, replays, gaps, out-of-order
// delivery and CPR-number changes, and what is published (through the outbox).
import { CompanyStateDto, PersonStateDto } from '@nemkonto/contracts';
import {
  FeedEvent,
  PersonEvent,
  aCompanyCreated,
  aPersonCreated,
  anAddress,
} from '@nemkonto/cpr-cvr-sync-feed-format';
import { Outbox } from '@nemkonto/platform-messaging';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { IntegrationContext, createIntegrationContext, openMigratedDataSource } from '@nemkonto/testing';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SyncSchema1764000005000 } from '../../migrations/sync-schema.migration';
import { SequenceTracker } from '../../sequencing/sequence-tracker';
import { ApplyFeedEventsUseCase, ApplyResult } from './apply-feed-events.usecase';
import { CompanyStore } from './company.store';
import { PersonStore } from './person.store';

jest.setTimeout(60_000);
Logger.overrideLogger(false);

const A = '2110625629';
const B = '0101505123';
const C = '1503802345';
const CVR = '13748136';

describe('ApplyFeedEventsUseCase (real Postgres)', () => {
  let infra: IntegrationContext;
  let ds: DataSource;
  let useCase: ApplyFeedEventsUseCase;

  const apply = (source: string, events: FeedEvent[]): Promise<ApplyResult> =>
    ds.transaction((m) => useCase.execute(m, source, events));
  const person = async (cpr: string) =>
    ((await ds.query(`SELECT * FROM persons WHERE cpr = $1`, [cpr])) as Record<string, unknown>[])[0];
  const published = async (): Promise<PersonStateDto[]> =>
    (
      (await ds.query(
        `SELECT body FROM outbox WHERE message_type = 'sync.person-changed' ORDER BY created_at`,
      )) as { body: string }[]
    ).flatMap((r) => (JSON.parse(r.body) as { payload: { persons: PersonStateDto[] } }).payload.persons);
  const publishedCompanies = async (): Promise<CompanyStateDto[]> =>
    (
      (await ds.query(
        `SELECT body FROM outbox WHERE message_type = 'sync.company-changed' ORDER BY created_at`,
      )) as { body: string }[]
    ).flatMap((r) => (JSON.parse(r.body) as { payload: { companies: CompanyStateDto[] } }).payload.companies);
  const gaps = async (source = 'CPR') =>
    (await ds.query(
      `SELECT from_seq::int AS "from", to_seq::int AS "to", closed_at IS NOT NULL AS closed FROM sequence_gaps
        WHERE source = $1 ORDER BY gap_id`,
      [source],
    )) as { from: number; to: number; closed: boolean }[];
  const d = '2026-02-01';

  beforeAll(async () => {
    infra = await createIntegrationContext('syncapply');
    ds = await openMigratedDataSource(infra, [OutboxInbox1764000000000, SyncSchema1764000005000]);
    useCase = new ApplyFeedEventsUseCase(
      new SequenceTracker(),
      new PersonStore(),
      new CompanyStore(),
      new Outbox('cpr-cvr-sync'),
    );
  });

  beforeEach(async () => {
    await ds.query(
      `TRUNCATE persons, person_number_changes, companies, company_se_numbers, company_p_numbers, received_ranges, sequence_gaps, outbox`,
    );
    await ds.query(`UPDATE feed_sources SET last_contiguous = 0`);
  });

  afterAll(async () => {
    await ds?.destroy();
    await infra?.dispose();
  });

  it('applies every kind of person event and publishes the whole state (never the address)', async () => {
    await apply('CPR', [aPersonCreated({ cpr: A, sequenceNo: 1 })]);
    expect(await person(A)).toMatchObject({
      first_names: 'Søren Ærø',
      last_name: 'Højgaard',
      city: 'Aarhus C',
      status: 'A',
    });
    await apply('CPR', [
      {
        type: 'person.address-changed',
        sequenceNo: 2,
        effectiveDate: d,
        cpr: A,
        address: anAddress({ city: 'Vejle', postcode: '7100' }),
      },
    ]);
    expect(await person(A)).toMatchObject({ city: 'Vejle', address_seq: '2', name_seq: '1' });
    await apply('CPR', [
      {
        type: 'person.name-changed',
        sequenceNo: 3,
        effectiveDate: d,
        cpr: A,
        firstNames: 'Søren',
        lastName: 'Holm',
      },
    ]);
    await apply('CPR', [
      { type: 'person.protection-changed', sequenceNo: 4, effectiveDate: d, cpr: A, protected: true },
    ]);
    await apply('CPR', [
      {
        type: 'person.status-changed',
        sequenceNo: 5,
        effectiveDate: d,
        cpr: A,
        status: 'EMIGRATED',
        statusDate: '2026-01-31',
      },
    ]);
    expect(await person(A)).toMatchObject({ status: 'E', street: null, protected: true });
    await apply('CPR', [
      {
        type: 'person.status-changed',
        sequenceNo: 6,
        effectiveDate: d,
        cpr: A,
        status: 'ACTIVE',
        statusDate: '2026-03-01',
      },
    ]);
    await apply('CPR', [
      {
        type: 'person.status-changed',
        sequenceNo: 7,
        effectiveDate: d,
        cpr: A,
        status: 'DEAD',
        statusDate: '2026-04-01',
      },
    ]);
    const states = await published();
    // The address change alone published nothing.
    expect(states.map((s) => s.sequenceNo)).toEqual([1, 3, 4, 5, 6, 7]);
    expect(states[0]).toEqual({
      sequenceNo: 1,
      cpr: A,
      previousCpr: null,
      status: 'ACTIVE',
      statusDate: null,
      name: 'Søren Ærø Højgaard',
      protected: false,
    });
    expect(states[1]?.name).toBe('Søren Holm');
    // Protected: the name is kept for letters but never published.
    expect(states[2]).toMatchObject({ name: null, protected: true });
    expect(states[3]).toMatchObject({ status: 'EMIGRATED', statusDate: '2026-01-31' });
    expect(states[4]).toMatchObject({ status: 'ACTIVE', statusDate: null });
    expect(states[5]).toMatchObject({ status: 'DEAD', statusDate: '2026-04-01' });
    expect(JSON.stringify(states)).not.toMatch(/Vejle|Østergade|7100/);
    expect((await person(A))?.['first_names']).toBe('Søren');
  });

  it('changes a CPR number: the person moves, events naming the old number follow, previousCpr is published', async () => {
    await apply('CPR', [aPersonCreated({ cpr: A, sequenceNo: 1 })]);
    const r = await apply('CPR', [
      { type: 'person.number-changed', sequenceNo: 2, effectiveDate: d, cpr: B, previousCpr: A },
    ]);
    expect(r.published).toBe(1);
    expect(await person(A)).toBeUndefined();
    expect(await person(B)).toMatchObject({ first_names: 'Søren Ærø' });
    expect((await published()).at(-1)).toMatchObject({ cpr: B, previousCpr: A, sequenceNo: 2 });
    // A late event still naming the old number applies to the person's new one.
    await apply('CPR', [
      {
        type: 'person.name-changed',
        sequenceNo: 3,
        effectiveDate: d,
        cpr: A,
        firstNames: 'Ib',
        lastName: 'Bak',
      },
    ]);
    expect(await person(B)).toMatchObject({ first_names: 'Ib', last_name: 'Bak' });
    expect(await person(A)).toBeUndefined();
    // A chain in one batch: the registry knew A, so C carries previousCpr A.
    await apply('CPR', [
      aPersonCreated({ cpr: C, sequenceNo: 4 }),
      { type: 'person.number-changed', sequenceNo: 5, effectiveDate: d, cpr: '0202020202', previousCpr: C },
    ]);
    expect((await published()).at(-1)).toMatchObject({ cpr: '0202020202', previousCpr: C });
  });

  it('skips what it has seen: a replay of the whole stream changes and publishes nothing', async () => {
    const stream: PersonEvent[] = [
      aPersonCreated({ cpr: A, sequenceNo: 1 }),
      aPersonCreated({ cpr: B, sequenceNo: 2, firstNames: 'Anne', lastName: 'Holm' }),
      {
        type: 'person.status-changed',
        sequenceNo: 3,
        effectiveDate: d,
        cpr: A,
        status: 'DEAD',
        statusDate: '2026-01-31',
      },
    ];
    await apply('CPR', stream);
    const before = await ds.query(`SELECT * FROM persons ORDER BY cpr`);
    const outbox = (await published()).length;
    const again = await apply('CPR', stream);
    expect(again).toMatchObject({ applied: 0, duplicates: 3, published: 0 });
    expect(await ds.query(`SELECT * FROM persons ORDER BY cpr`)).toEqual(before);
    expect((await published()).length).toBe(outbox);
  });

  it('records a gap when the sequence jumps and closes it when the missing events arrive late', async () => {
    await apply('CPR', [aPersonCreated({ cpr: A, sequenceNo: 1 })]);
    const r = await apply('CPR', [aPersonCreated({ cpr: B, sequenceNo: 5 })]);
    expect(r.gaps.opened).toEqual([{ from: 2, to: 4 }]);
    expect(await gaps()).toEqual([{ from: 2, to: 4, closed: false }]);
    await apply('CPR', [
      { type: 'person.protection-changed', sequenceNo: 3, effectiveDate: d, cpr: A, protected: true },
    ]);
    expect(await gaps()).toEqual([
      { from: 2, to: 4, closed: true },
      { from: 2, to: 2, closed: false },
      { from: 4, to: 4, closed: false },
    ]);
    const closing = await apply('CPR', [
      { type: 'person.protection-changed', sequenceNo: 2, effectiveDate: d, cpr: A, protected: false },
      {
        type: 'person.name-changed',
        sequenceNo: 4,
        effectiveDate: d,
        cpr: B,
        firstNames: 'Bo',
        lastName: 'Lind',
      },
    ]);
    expect(closing.gaps).toMatchObject({
      open: [],
      closed: [
        { from: 2, to: 2 },
        { from: 4, to: 4 },
      ],
    });
    expect(
      (await ds.query(`SELECT last_contiguous::int AS lc FROM feed_sources WHERE source = 'CPR'`))[0],
    ).toEqual({ lc: 5 });
    expect(await ds.query(`SELECT * FROM received_ranges`)).toEqual([]);
    // The late protection-off (2) is older than the protection-on (3): it changes nothing.
    expect(await person(A)).toMatchObject({ protected: true, protection_seq: '3' });
  });

  it('never lets an older event overwrite newer data, whatever the order (each aspect on its own)', async () => {
    const events: PersonEvent[] = [
      aPersonCreated({ cpr: A, sequenceNo: 10 }),
      {
        type: 'person.address-changed',
        sequenceNo: 11,
        effectiveDate: d,
        cpr: A,
        address: anAddress({ city: 'Odense C', postcode: '5000' }),
      },
      {
        type: 'person.name-changed',
        sequenceNo: 12,
        effectiveDate: d,
        cpr: A,
        firstNames: 'Karen',
        lastName: 'Dahl',
      },
      {
        type: 'person.address-changed',
        sequenceNo: 13,
        effectiveDate: d,
        cpr: A,
        address: anAddress({ city: 'Vejle', postcode: '7100' }),
      },
      {
        type: 'person.status-changed',
        sequenceNo: 14,
        effectiveDate: d,
        cpr: A,
        status: 'DEAD',
        statusDate: '2026-01-31',
      },
    ];
    await ds.query(`UPDATE feed_sources SET last_contiguous = 9`);
    // Newest first, one event per delivery.
    for (const e of [...events].reverse()) await apply('CPR', [e]);
    const row = await person(A);
    expect(row).toMatchObject({ first_names: 'Karen', last_name: 'Dahl', city: 'Vejle', status: 'D' });
    // Published only once the base record arrived (the last one here), then with the newest state.
    const states = await published();
    expect(states).toHaveLength(1);
    expect(states[0]).toMatchObject({ cpr: A, sequenceNo: 14, name: 'Karen Dahl', status: 'DEAD' });
    // The same result as in order.
    await ds.query(`TRUNCATE persons, received_ranges, sequence_gaps, outbox`);
    await ds.query(`UPDATE feed_sources SET last_contiguous = 9`);
    await apply('CPR', events);
    expect(await person(A)).toEqual(row);
  });

  it('applies every kind of company event, with SE and P numbers', async () => {
    await apply('CVR', [
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
        address: anAddress(),
      },
    ]);
    expect((await publishedCompanies()).at(-1)).toEqual({
      sequenceNo: 3,
      cvr: CVR,
      seNumbers: ['31234563'],
      pNumbers: ['1012345678'],
      status: 'ACTIVE',
      statusDate: null,
      name: 'Jysk Tømrer & Byg ApS',
    });
    await apply('CVR', [
      { type: 'company.name-changed', sequenceNo: 4, effectiveDate: d, cvr: CVR, name: 'Nordisk Data A/S' },
    ]);
    await apply('CVR', [
      {
        type: 'company.address-changed',
        sequenceNo: 5,
        effectiveDate: d,
        cvr: CVR,
        address: anAddress({ city: 'Vejle' }),
      },
    ]);
    await apply('CVR', [
      {
        type: 'company.p-number-added',
        sequenceNo: 6,
        effectiveDate: d,
        cvr: CVR,
        pNumber: '1012345679',
        address: anAddress(),
      },
    ]);
    await apply('CVR', [
      {
        type: 'company.status-changed',
        sequenceNo: 7,
        effectiveDate: d,
        cvr: CVR,
        status: 'BANKRUPT',
        statusDate: '2026-01-30',
      },
    ]);
    const states = await publishedCompanies();
    expect(states.map((s) => s.sequenceNo)).toEqual([3, 4, 6, 7]);
    expect(states.at(-1)).toMatchObject({
      name: 'Nordisk Data A/S',
      status: 'BANKRUPT',
      statusDate: '2026-01-30',
      pNumbers: ['1012345678', '1012345679'],
    });
    await apply('CVR', [
      {
        type: 'company.status-changed',
        sequenceNo: 8,
        effectiveDate: d,
        cvr: CVR,
        status: 'CEASED',
        statusDate: '2026-02-28',
      },
    ]);
    expect((await publishedCompanies()).at(-1)).toMatchObject({ status: 'CEASED', statusDate: '2026-02-28' });
  });

  it('keeps an SE number that arrives before its company, and publishes once the company is known', async () => {
    await ds.query(`UPDATE feed_sources SET last_contiguous = 9 WHERE source = 'CVR'`);
    await apply('CVR', [
      {
        type: 'company.se-number-added',
        sequenceNo: 11,
        effectiveDate: d,
        cvr: CVR,
        seNumber: '31234563',
        address: null,
      },
    ]);
    expect(await publishedCompanies()).toEqual([]);
    await apply('CVR', [aCompanyCreated({ cvr: CVR, sequenceNo: 10 })]);
    expect(await publishedCompanies()).toMatchObject([{ cvr: CVR, seNumbers: ['31234563'], sequenceNo: 11 }]);
  });

  it('refuses events of the other register for a source', async () => {
    await expect(apply('CPR', [aCompanyCreated()])).rejects.toThrow(/source CPR feeds persons/);
    await expect(apply('XYZ', [aPersonCreated()])).rejects.toThrow(/unknown feed source/);
  });
});
