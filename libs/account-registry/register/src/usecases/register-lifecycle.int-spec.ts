// The register's life beyond assignments (real Postgres): activation letters and codes, expiry,
// CPR/CVR statuses that end-mark NemKonti, CPR-number changes, and banks' rejections that flag
// an account. Use cases run as the service runs them, each in its own transaction.
import { PersonStateDto, RegistryLetterRequestedV1 } from '@nemkonto/contracts';
import { Outbox } from '@nemkonto/platform-messaging';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { IntegrationContext, createIntegrationContext, openMigratedDataSource } from '@nemkonto/testing';
import { DataSource } from 'typeorm';
import { verifyChangeLog } from '../change-log/change-log';
import { REGISTRY_MIGRATIONS } from '../migrations/registry-migrations';
import { RegistrySettings } from '../registry.settings';
import { ActivateAccountUseCase } from './activate-account/activate-account.usecase';
import { ApplyCprCvrStatesUseCase } from './apply-cpr-cvr-states/apply-cpr-cvr-states.usecase';
import { DeleteUnusedAccountsUseCase } from './delete-unused-accounts/delete-unused-accounts.usecase';
import { ExpireActivationsUseCase } from './expire-activations/expire-activations.usecase';
import { FlagRejectedAccountUseCase } from './flag-rejected-account/flag-rejected-account.usecase';
import { recordLetterOutcome } from './letters/record-letter-outcome';
import { LookupAccountsUseCase } from './lookup-accounts.usecase';
import { RecordPaymentsMadeUseCase } from './record-payments-made/record-payments-made.usecase';
import { RegisterAccountUseCase } from './register-account.usecase';

jest.setTimeout(60_000);

const settings: RegistrySettings = {
  effectiveAfterBankingDays: 0,
  activationDays: 60,
  activationMaxAttempts: 3,
  codeSecret: 'a-test-secret-of-at-least-32-characters',
};
const dk = (accountNo: string) => ({
  kind: 'DK' as const,
  regNo: '3001',
  accountNo: accountNo.padStart(10, '0'),
});
const at = (date: string): Date => new Date(`${date}T09:00:00+01:00`);
const cpr = (n: number) => ({ kind: 'CPR' as const, value: `1502${String(60 + n).padStart(2, '0')}4321` });
const bank = { channel: 'BANK' as const, actor: 'bank:DANSKE' };
const citizen = { channel: 'SELF_SERVICE' as const, actor: 'eid:test' };

describe('register lifecycle (real Postgres)', () => {
  let infra: IntegrationContext;
  let ds: DataSource;
  let register: RegisterAccountUseCase;
  let activate: ActivateAccountUseCase;
  let lookups: LookupAccountsUseCase;
  let states: ApplyCprCvrStatesUseCase;
  const asker = { channel: 'AUTHORITY' as const, actor: 'authority:UDK', authorityId: 'UDK' };

  const lookup = async (party: { kind: 'CPR' | 'CVR' | 'SE' | 'P'; value: string }, date: string) => {
    const [a] = await lookups.execute(asker, [{ party, date }]);
    return a?.found ? a.account.accountNo : a?.code;
  };
  const letters = async (partyId: string): Promise<RegistryLetterRequestedV1[]> =>
    (
      (await ds.query(
        `SELECT body FROM outbox WHERE message_type = 'registry.letter-requested' ORDER BY created_at`,
      )) as { body: Buffer }[]
    )
      .map((r) => (JSON.parse(r.body.toString()) as { payload: RegistryLetterRequestedV1 }).payload)
      .filter((l) => l.party.value === partyId);
  const personState = (n: number, over: Partial<PersonStateDto>): PersonStateDto => ({
    sequenceNo: 1,
    cpr: cpr(n).value,
    previousCpr: null,
    status: 'ACTIVE',
    statusDate: null,
    name: null,
    protected: false,
    ...over,
  });
  const applyPersons = (persons: PersonStateDto[], kind: 'CHANGE' | 'INITIAL_LOAD' = 'CHANGE') =>
    ds.transaction((m) => states.persons(m, 'CPR', kind, persons, at('2026-06-01')));

  beforeAll(async () => {
    infra = await createIntegrationContext('lifecycle');
    ds = await openMigratedDataSource(infra, [OutboxInbox1764000000000, ...REGISTRY_MIGRATIONS]);
    const outbox = new Outbox('account-registry');
    register = new RegisterAccountUseCase(ds, outbox, settings);
    activate = new ActivateAccountUseCase(ds, outbox, register, settings);
    lookups = new LookupAccountsUseCase(ds);
    states = new ApplyCprCvrStatesUseCase(outbox);
  });

  afterAll(async () => {
    await ds.destroy();
    await infra.dispose();
  });

  it('sends an activation letter with a code kept only as an HMAC; the code activates the account', async () => {
    const p = cpr(1);
    await register.execute({ party: p, action: 'ASSIGN', account: dk('1111'), ...bank }, at('2026-03-02'));
    const pending = await register.execute(
      { party: p, action: 'ASSIGN', account: dk('2222'), ...citizen },
      at('2026-03-03'),
    );
    expect(pending).toMatchObject({ ok: true, state: 'PENDING' });
    const [letter] = await letters(p.value);
    expect(letter).toMatchObject({ template: 'ACTIVATION', validUntil: '2026-05-02', account: dk('2222') });
    const code = letter?.activationCode ?? '';
    expect(code).toMatch(/^\d{8}$/);
    const [row] = (await ds.query(
      `SELECT activation_code_sha256 AS digest, letter_id FROM account_versions WHERE party_id = $1 AND state = 'PENDING'`,
      [p.value],
    )) as { digest: string; letter_id: string }[];
    expect(row?.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.digest).not.toContain(code);
    expect(row?.letter_id).toBe(letter?.letterId);
    expect(await lookup(p, '2026-03-10')).toBe('0000001111');

    const wrong = code === '00000000' ? '00000001' : '00000000';
    expect(await activate.execute({ party: p, code: wrong, ...citizen }, at('2026-03-10'))).toMatchObject({
      ok: false,
      code: 'WRONG_CODE',
      attemptsLeft: 2,
    });
    expect(await activate.execute({ party: p, code, ...citizen }, at('2026-03-10'))).toMatchObject({
      ok: true,
      purpose: 'NEMKONTO',
      effectiveFrom: '2026-03-10',
    });
    expect(await lookup(p, '2026-03-09')).toBe('0000001111');
    expect(await lookup(p, '2026-03-10')).toBe('0000002222');
    expect(await activate.execute({ party: p, code, ...citizen }, at('2026-03-11'))).toMatchObject({
      ok: false,
      code: 'NOTHING_PENDING',
    });
  });

  it('blocks a pending account after too many wrong codes, and refuses an expired code', async () => {
    const p = cpr(2);
    await register.execute({ party: p, action: 'ASSIGN', account: dk('3333'), ...citizen }, at('2026-03-02'));
    const code = (await letters(p.value))[0]?.activationCode ?? '';
    const wrong = code === '11111111' ? '22222222' : '11111111';
    for (const left of [2, 1])
      expect(await activate.execute({ party: p, code: wrong, ...citizen }, at('2026-03-03'))).toMatchObject({
        code: 'WRONG_CODE',
        attemptsLeft: left,
      });
    expect(await activate.execute({ party: p, code: wrong, ...citizen }, at('2026-03-03'))).toMatchObject({
      code: 'BLOCKED',
    });
    expect(await activate.execute({ party: p, code, ...citizen }, at('2026-03-03'))).toMatchObject({
      code: 'NOTHING_PENDING',
    });
    expect(await lookup(p, '2026-03-04')).toBe('NO_ACCOUNT');

    const q = cpr(3);
    await register.execute({ party: q, action: 'ASSIGN', account: dk('4444'), ...citizen }, at('2026-03-02'));
    const late = (await letters(q.value))[0]?.activationCode ?? '';
    expect(await activate.execute({ party: q, code: late, ...citizen }, at('2026-05-02'))).toMatchObject({
      code: 'CODE_EXPIRED',
    });
    expect(
      await new ExpireActivationsUseCase(ds, new Outbox('account-registry')).execute(at('2026-05-02')),
    ).toBe(1);
    const [state] = (await ds.query(`SELECT state FROM account_versions WHERE party_id = $1`, [q.value])) as {
      state: string;
    }[];
    expect(state?.state).toBe('EXPIRED');
  });

  it('records the letter route’s answer once and knows letters it never asked for', async () => {
    const p = cpr(4);
    await register.execute({ party: p, action: 'ASSIGN', account: dk('5555'), ...citizen }, at('2026-03-02'));
    const letterId = (await letters(p.value))[0]?.letterId ?? '';
    const answer = { letterId, outcome: 'UNDELIVERABLE' as const, reasonCode: 'NO_ADDRESS' };
    expect(await ds.transaction((m) => recordLetterOutcome(m, answer, at('2026-03-03')))).toBe(true);
    expect(
      await ds.transaction((m) =>
        recordLetterOutcome(m, { ...answer, outcome: 'SENT', reasonCode: null }, at('2026-03-04')),
      ),
    ).toBe(true);
    const [row] = (await ds.query(`SELECT outcome, reason_code FROM letters WHERE letter_id = $1`, [
      letterId,
    ])) as {
      outcome: string;
      reason_code: string;
    }[];
    expect(row).toEqual({ outcome: 'UNDELIVERABLE', reason_code: 'NO_ADDRESS' });
    expect(
      await ds.transaction((m) =>
        recordLetterOutcome(
          m,
          { ...answer, letterId: '00000000-0000-4000-8000-000000000000' },
          at('2026-03-04'),
        ),
      ),
    ).toBe(false);
  });

  it('end-marks a dead person’s NemKonto 3 years on, ignores an older state, and refuses new accounts', async () => {
    const p = cpr(5);
    await register.execute({ party: p, action: 'ASSIGN', account: dk('6666'), ...bank }, at('2026-01-05'));
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
      await register.execute(
        { party: p, action: 'ASSIGN', account: dk('7777'), ...citizen },
        at('2026-06-02'),
      ),
    ).toMatchObject({ ok: false, code: 'PARTY_ENDED' });
    expect(await letters(p.value)).toHaveLength(0);
    // Emigration ends nothing.
    const q = cpr(6);
    await register.execute({ party: q, action: 'ASSIGN', account: dk('8888'), ...bank }, at('2026-01-05'));
    await applyPersons([personState(6, { sequenceNo: 11, status: 'EMIGRATED', statusDate: '2026-02-01' })]);
    expect(await lookup(q, '2040-01-01')).toBe('0000008888');
    const events = (await ds.query(
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
    const rows = (await ds.query(
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
      await register.execute({ party, action: 'ASSIGN', account: dk('9999'), ...bank }, at('2026-01-05'));
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
      await ds.transaction((m) => states.companies(m, 'CVR', 'CHANGE', [company], at('2026-04-02'))),
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
    await register.execute(
      { party: { kind: 'CVR', value: ceased.cvr }, action: 'ASSIGN', account: dk('1010'), ...bank },
      at('2026-01-05'),
    );
    await ds.transaction((m) => states.companies(m, 'CVR', 'CHANGE', [ceased], at('2026-04-02')));
    expect(await lookup({ kind: 'CVR', value: ceased.cvr }, '2027-03-26')).toBe('0000001010');
    expect(await lookup({ kind: 'CVR', value: ceased.cvr }, '2027-03-27')).toBe('END_MARKED');
  });

  it('moves accounts and history to a new CPR number; the old number still answers, once', async () => {
    const old = cpr(7);
    const next = cpr(8);
    await register.execute({ party: old, action: 'ASSIGN', account: dk('1212'), ...bank }, at('2026-01-05'));
    await register.execute(
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
    const moved = (await ds.query(
      `SELECT party_id, count(*)::int AS n FROM account_versions WHERE party_id = ANY($1) GROUP BY party_id`,
      [[old.value, next.value]],
    )) as { party_id: string; n: number }[];
    expect(moved).toEqual([{ party_id: next.value, n: 2 }]);
    // The pending benefit-specific account moved too: its code works under the new number.
    const code = (await letters(old.value))[0]?.activationCode ?? '';
    expect(await activate.execute({ party: next, code, ...citizen }, at('2026-02-02'))).toMatchObject({
      ok: true,
      purpose: 'BENEFIT_SPECIFIC',
    });
    // A bank still using the old number changes the new party's NemKonto.
    await register.execute({ party: old, action: 'ASSIGN', account: dk('1414'), ...bank }, at('2026-02-03'));
    expect(await lookup(next, '2026-02-03')).toBe('0000001414');
    const events = (
      (await ds.query(
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
    await register.execute({ party: p, action: 'ASSIGN', account: dk('1515'), ...bank }, at('2026-01-05'));
    const rejection = {
      bankId: 'DANSKE',
      party: p,
      account: dk('1515'),
      reasonCode: 'ACCOUNT_CLOSED' as const,
      paymentId: '3f1d1a9e-6c55-4f1e-9a57-2d3c1b0e9f10',
    };
    const flag = new FlagRejectedAccountUseCase(new Outbox('account-registry'));
    expect(await ds.transaction((m) => flag.execute(m, rejection, at('2026-02-01')))).toBe('FLAGGED');
    expect(await ds.transaction((m) => flag.execute(m, rejection, at('2026-02-02')))).toBe('ALREADY_FLAGGED');
    expect(
      await ds.transaction((m) => flag.execute(m, { ...rejection, account: dk('1616') }, at('2026-02-02'))),
    ).toBe('NOT_IN_FORCE');
    expect((await letters(p.value)).map((l) => l.template)).toEqual(['ACCOUNT_FLAGGED']);
    const [row] = (await ds.query(`SELECT flag_reason FROM account_versions WHERE party_id = $1`, [
      p.value,
    ])) as {
      flag_reason: string;
    }[];
    expect(row?.flag_reason).toBe('ACCOUNT_CLOSED (bank DANSKE)');
    expect(await verifyChangeLog(ds.manager)).toMatchObject({ ok: true });
  });

  it('deletes an end-marked party’s accounts 5 years after the last payment to them, not before', async () => {
    const p = cpr(10);
    await register.execute({ party: p, action: 'ASSIGN', account: dk('1717'), ...bank }, at('2020-01-06'));
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
    expect(await ds.transaction((m) => new RecordPaymentsMadeUseCase().execute(m, chunk))).toBe(1);
    expect(await ds.transaction((m) => new RecordPaymentsMadeUseCase().execute(m, chunk))).toBe(0);
    const retention = new DeleteUnusedAccountsUseCase(ds, new Outbox('account-registry'));
    expect(await retention.execute('2027-06-29', at('2027-06-29'))).toBe(0);
    expect(await retention.execute('2027-06-30', at('2027-06-30'))).toBe(1);
    const [left] = (await ds.query(`SELECT count(*)::int AS n FROM account_versions WHERE party_id = $1`, [
      p.value,
    ])) as {
      n: number;
    }[];
    expect(left?.n).toBe(0);
    expect(await lookup(p, '2024-01-01')).toBe('NO_ACCOUNT');
    expect(await retention.execute('2027-07-01', at('2027-07-01'))).toBe(0);
    // A living person's unused NemKonto is not deleted.
    const q = cpr(11);
    await register.execute({ party: q, action: 'ASSIGN', account: dk('1818'), ...bank }, at('2015-01-05'));
    expect(await retention.execute('2027-07-01', at('2027-07-01'))).toBe(0);
    expect(await verifyChangeLog(ds.manager)).toMatchObject({ ok: true });
  });
});
