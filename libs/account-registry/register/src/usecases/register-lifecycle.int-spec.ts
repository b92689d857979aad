// The register's lifecycle against the real Postgres: CPR/CVR statuses end-marking NemKonti
// (death, bankruptcy, ceased, SE/P numbers), CPR-number moves, bank flags and deletion.
import { Outbox } from '@nemkonto/platform-messaging';
import { verifyChangeLog } from '../change-log/change-log';
import { at, bank, citizen, cpr, dk, useRegisterLifecycle } from '../integration/register-lifecycle.fixture';
import { DeleteUnusedAccountsUseCase } from './delete-unused-accounts/delete-unused-accounts.usecase';
import { FlagRejectedAccountUseCase } from './flag-rejected-account/flag-rejected-account.usecase';
import { RecordPaymentsMadeUseCase } from './record-payments-made/record-payments-made.usecase';

jest.setTimeout(60_000);

describe('register lifecycle (real Postgres)', () => {
  const { r, lookup, letters, personState, applyPersons } = useRegisterLifecycle('lifecycle');

  it('end-marks a dead person’s NemKonto 3 years on, ignores an older state, and refuses new accounts', async () => {
    const p = cpr(5);
    await r.register.execute({ party: p, action: 'ASSIGN', account: dk('6666'), ...bank }, at('2026-01-05'));
    const died = personState(5, { sequenceNo: 10, status: 'DEAD', statusDate: '2026-05-20' });
    expect(await applyPersons([died])).toMatchObject({ applied: 1, endMarkChanged: 1 });
    expect(await lookup(p, '2029-05-19')).toBe('0000006666');
    expect(await lookup(p, '2029-05-20')).toBe('END_MARKED');
    // An older state arriving late changes nothing; a replay neither.
    expect(await applyPersons([personState(5, { sequenceNo: 9, status: 'ACTIVE' })])).toMatchObject({
      stale: 1,
    });
    expect(await applyPersons([died])).toMatchObject({ stale: 0, endMarkChanged: 0 });
    expect(await lookup(p, '2029-05-20')).toBe('END_MARKED');
    expect(
      await r.register.execute(
        { party: p, action: 'ASSIGN', account: dk('7777'), ...citizen },
        at('2026-06-02'),
      ),
    ).toMatchObject({ ok: false, code: 'PARTY_ENDED' });
    expect(await letters(p.value)).toHaveLength(0);
    // Emigration ends nothing.
    const q = cpr(6);
    await r.register.execute({ party: q, action: 'ASSIGN', account: dk('8888'), ...bank }, at('2026-01-05'));
    await applyPersons([personState(6, { sequenceNo: 11, status: 'EMIGRATED', statusDate: '2026-02-01' })]);
    expect(await lookup(q, '2040-01-01')).toBe('0000008888');
    const events = (await r.ds.query(
      `SELECT body FROM outbox WHERE message_type = 'registry.account-changed' ORDER BY created_at DESC`,
    )) as { body: Buffer }[];
    const mark = events
      .map(
        (e) =>
          (JSON.parse(e.body.toString()) as { payload: { party: { value: string }; endMarkedFrom: string } })
            .payload,
      )
      .find((e) => e.party.value === p.value);
    expect(mark?.endMarkedFrom).toBe('2029-05-20');
  });

  it('stores no row for an active person in the initial load but does for ended ones', async () => {
    const outcome = await applyPersons(
      [
        personState(20, { sequenceNo: 1 }),
        personState(21, { sequenceNo: 2, status: 'DEAD', statusDate: '2025-01-01' }),
      ],
      'INITIAL_LOAD',
    );
    expect(outcome).toMatchObject({ applied: 1 });
    const rows = (await r.ds.query(
      `SELECT party_id, status FROM parties WHERE party_id = ANY($1) ORDER BY party_id`,
      [[cpr(20).value, cpr(21).value]],
    )) as { party_id: string; status: string }[];
    expect(rows).toEqual([{ party_id: cpr(21).value, status: 'DEAD' }]);
  });

  it('end-marks a bankrupt company at the decree date and a ceased one 360 days on, SE and P numbers too', async () => {
    const cvr = { kind: 'CVR' as const, value: '10000009' };
    const se = { kind: 'SE' as const, value: '20000005' };
    const pno = { kind: 'P' as const, value: '1000000018' };
    for (const party of [cvr, se, pno])
      await r.register.execute({ party, action: 'ASSIGN', account: dk('9999'), ...bank }, at('2026-01-05'));
    const company = {
      sequenceNo: 5,
      cvr: cvr.value,
      seNumbers: [se.value],
      pNumbers: [pno.value],
      status: 'BANKRUPT' as const,
      statusDate: '2026-04-01',
      name: 'Konkursboet ApS',
    };
    expect(
      await r.ds.transaction((m) => r.states.companies(m, 'CVR', 'CHANGE', [company], at('2026-04-02'))),
    ).toMatchObject({ applied: 3, endMarkChanged: 3 });
    for (const party of [cvr, se, pno]) {
      expect(await lookup(party, '2026-03-31')).toBe('0000009999');
      expect(await lookup(party, '2026-04-01')).toBe('END_MARKED');
    }
    const ceased = {
      ...company,
      cvr: '10000017',
      seNumbers: [],
      pNumbers: [],
      status: 'CEASED' as const,
      sequenceNo: 6,
    };
    await r.register.execute(
      { party: { kind: 'CVR', value: ceased.cvr }, action: 'ASSIGN', account: dk('1010'), ...bank },
      at('2026-01-05'),
    );
    await r.ds.transaction((m) => r.states.companies(m, 'CVR', 'CHANGE', [ceased], at('2026-04-02')));
    expect(await lookup({ kind: 'CVR', value: ceased.cvr }, '2027-03-26')).toBe('0000001010');
    expect(await lookup({ kind: 'CVR', value: ceased.cvr }, '2027-03-27')).toBe('END_MARKED');
  });

  it('moves accounts and history to a new CPR number; the old number still answers, once', async () => {
    const old = cpr(7);
    const next = cpr(8);
    await r.register.execute(
      { party: old, action: 'ASSIGN', account: dk('1212'), ...bank },
      at('2026-01-05'),
    );
    await r.register.execute(
      {
        party: old,
        action: 'ASSIGN',
        account: dk('1313'),
        benefit: { authorityId: 'UDK', benefitType: 'BOERNEYDELSE' },
        channel: 'AUTHORITY',
        actor: 'authority:UDK',
        reason: 'the holder asked',
      },
      at('2026-01-06'),
    );
    const change = personState(8, { sequenceNo: 20, previousCpr: old.value });
    expect(await applyPersons([change])).toMatchObject({ moved: 1 });
    expect(await applyPersons([change])).toMatchObject({ moved: 0 });
    expect(await lookup(next, '2026-02-01')).toBe('0000001212');
    expect(await lookup(old, '2026-02-01')).toBe('0000001212');
    const moved = (await r.ds.query(
      `SELECT party_id, count(*)::int AS n FROM account_versions WHERE party_id = ANY($1) GROUP BY party_id`,
      [[old.value, next.value]],
    )) as { party_id: string; n: number }[];
    expect(moved).toEqual([{ party_id: next.value, n: 2 }]);
    // The pending benefit-specific account moved too: its code works under the new number.
    const code = (await letters(old.value))[0]?.activationCode ?? '';
    expect(await r.activate.execute({ party: next, code, ...citizen }, at('2026-02-02'))).toMatchObject({
      ok: true,
      purpose: 'BENEFIT_SPECIFIC',
    });
    // A bank still using the old number changes the new party's NemKonto.
    await r.register.execute(
      { party: old, action: 'ASSIGN', account: dk('1414'), ...bank },
      at('2026-02-03'),
    );
    expect(await lookup(next, '2026-02-03')).toBe('0000001414');
    const events = (
      (await r.ds.query(
        `SELECT body FROM outbox WHERE message_type = 'registry.account-changed' ORDER BY created_at DESC LIMIT 2`,
      )) as { body: Buffer }[]
    ).map(
      (e) =>
        (
          JSON.parse(e.body.toString()) as {
            payload: { party: { value: string }; movedTo: { value: string } | null; nemkonto: unknown[] };
          }
        ).payload,
    );
    expect(events.map((e) => [e.party.value, e.movedTo?.value ?? null]).sort()).toEqual(
      [
        [next.value, null],
        [old.value, next.value],
      ].sort(),
    );
  });

  it('flags the account a bank rejected as closed, writes to the holder once, and keeps the chain whole', async () => {
    const p = cpr(9);
    await r.register.execute({ party: p, action: 'ASSIGN', account: dk('1515'), ...bank }, at('2026-01-05'));
    const rejection = {
      bankId: 'DANSKE',
      party: p,
      account: dk('1515'),
      reasonCode: 'ACCOUNT_CLOSED' as const,
      paymentId: '3f1d1a9e-6c55-4f1e-9a57-2d3c1b0e9f10',
    };
    const flag = new FlagRejectedAccountUseCase(new Outbox('account-registry'));
    expect(await r.ds.transaction((m) => flag.execute(m, rejection, at('2026-02-01')))).toBe('FLAGGED');
    expect(await r.ds.transaction((m) => flag.execute(m, rejection, at('2026-02-02')))).toBe(
      'ALREADY_FLAGGED',
    );
    expect(
      await r.ds.transaction((m) => flag.execute(m, { ...rejection, account: dk('1616') }, at('2026-02-02'))),
    ).toBe('NOT_IN_FORCE');
    expect((await letters(p.value)).map((l) => l.template)).toEqual(['ACCOUNT_FLAGGED']);
    const [row] = (await r.ds.query(`SELECT flag_reason FROM account_versions WHERE party_id = $1`, [
      p.value,
    ])) as {
      flag_reason: string;
    }[];
    expect(row?.flag_reason).toBe('ACCOUNT_CLOSED (bank DANSKE)');
    expect(await verifyChangeLog(r.ds.manager)).toMatchObject({ ok: true });
  });

  it('deletes an end-marked party’s accounts 5 years after the last payment to them, not before', async () => {
    const p = cpr(10);
    await r.register.execute({ party: p, action: 'ASSIGN', account: dk('1717'), ...bank }, at('2020-01-06'));
    await applyPersons([personState(10, { sequenceNo: 30, status: 'DEAD', statusDate: '2021-03-01' })]);
    const paid = (day: string) => ({
      paymentId: '6a0e4a52-3a4b-4f4e-8a51-0c5f6a7b8c9d',
      endToEndId: 'E2E-1',
      amountOre: 1000,
      creditor: p,
      creditorAccount: dk('1717'),
      accountSource: 'NEMKONTO' as const,
      creditorName: null,
      benefitType: 'PENSION',
      requestedExecutionDate: day,
      adviceText: null,
    });
    const chunk = {
      bundleKey: 'UDK:B1',
      authorityId: 'UDK',
      chunkIndex: 0,
      chunkCount: 1,
      debitAccount: { regNo: '0216', accountNo: '4069158738' },
      completed: [paid('2022-06-30'), paid('2022-01-31')],
      notCompleted: [],
      held: [],
      release: false,
    };
    expect(await r.ds.transaction((m) => new RecordPaymentsMadeUseCase().execute(m, chunk))).toBe(1);
    expect(await r.ds.transaction((m) => new RecordPaymentsMadeUseCase().execute(m, chunk))).toBe(0);
    const retention = new DeleteUnusedAccountsUseCase(r.ds, new Outbox('account-registry'));
    expect(await retention.execute('2027-06-29', at('2027-06-29'))).toBe(0);
    expect(await retention.execute('2027-06-30', at('2027-06-30'))).toBe(1);
    const [left] = (await r.ds.query(`SELECT count(*)::int AS n FROM account_versions WHERE party_id = $1`, [
      p.value,
    ])) as {
      n: number;
    }[];
    expect(left?.n).toBe(0);
    expect(await lookup(p, '2024-01-01')).toBe('NO_ACCOUNT');
    expect(await retention.execute('2027-07-01', at('2027-07-01'))).toBe(0);
    // A living person's unused NemKonto is not deleted.
    const q = cpr(11);
    await r.register.execute({ party: q, action: 'ASSIGN', account: dk('1818'), ...bank }, at('2015-01-05'));
    expect(await retention.execute('2027-07-01', at('2027-07-01'))).toBe(0);
    expect(await verifyChangeLog(r.ds.manager)).toMatchObject({ ok: true });
  });
});
