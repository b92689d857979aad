// The apply rules against the real Postgres: every event kind, replays, gaps, out-of-order
// delivery and CPR-number changes, and what is published (through the outbox).
import { PersonEvent, aPersonCreated, anAddress } from '@nemkonto/cpr-cvr-sync-feed-format';
import { Logger } from '@nestjs/common';
import { A, B, C, d, useApplyFeedEvents } from '../../integration/apply-feed-events.fixture';

jest.setTimeout(60_000);
Logger.overrideLogger(false);

describe('ApplyFeedEventsUseCase: persons (real Postgres)', () => {
  const { query, apply, person, published, gaps } = useApplyFeedEvents('syncapply');

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
    const before = await query(`SELECT * FROM persons ORDER BY cpr`);
    const outbox = (await published()).length;
    const again = await apply('CPR', stream);
    expect(again).toMatchObject({ applied: 0, duplicates: 3, published: 0 });
    expect(await query(`SELECT * FROM persons ORDER BY cpr`)).toEqual(before);
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
      (await query(`SELECT last_contiguous::int AS lc FROM feed_sources WHERE source = 'CPR'`))[0],
    ).toEqual({ lc: 5 });
    expect(await query(`SELECT * FROM received_ranges`)).toEqual([]);
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
    await query(`UPDATE feed_sources SET last_contiguous = 9`);
    // Newest first, one event per delivery.
    for (const e of [...events].reverse()) await apply('CPR', [e]);
    const row = await person(A);
    expect(row).toMatchObject({ first_names: 'Karen', last_name: 'Dahl', city: 'Vejle', status: 'D' });
    // Published only once the base record arrived (the last one here), then with the newest state.
    const states = await published();
    expect(states).toHaveLength(1);
    expect(states[0]).toMatchObject({ cpr: A, sequenceNo: 14, name: 'Karen Dahl', status: 'DEAD' });
    // The same result as in order.
    await query(`TRUNCATE persons, received_ranges, sequence_gaps, outbox`);
    await query(`UPDATE feed_sources SET last_contiguous = 9`);
    await apply('CPR', events);
    expect(await person(A)).toEqual(row);
  });
});
