import { Outbox } from '@nemkonto/platform-messaging';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { IntegrationContext, createIntegrationContext, openMigratedDataSource } from '@nemkonto/testing';
import { DataSource } from 'typeorm';
import { verifyChangeLog } from '../change-log/change-log';
import { REGISTRY_MIGRATIONS } from '../migrations/registry-migrations';
import { LookupAccountsUseCase } from './lookup-accounts.usecase';
import { RegisterAccountUseCase } from './register-account.usecase';

jest.setTimeout(60_000);

const dk = (regNo: string, accountNo: string) => ({
  kind: 'DK' as const,
  regNo,
  accountNo: accountNo.padStart(10, '0'),
});
const at = (date: string): Date => new Date(`${date}T09:00:00+01:00`);
const person = (n: number) => ({
  kind: 'CPR' as const,
  value: `0101${String(70 + (n % 30)).padStart(2, '0')}${String(1000 + n).slice(-4)}`,
});

describe('RegisterAccountUseCase and LookupAccountsUseCase (real Postgres)', () => {
  let infra: IntegrationContext;
  let ds: DataSource;
  let register: RegisterAccountUseCase;
  let lookups: LookupAccountsUseCase;
  const asker = { channel: 'AUTHORITY' as const, actor: 'authority:UDK', authorityId: 'UDK' };

  beforeAll(async () => {
    infra = await createIntegrationContext('registry');
    ds = await openMigratedDataSource(infra, [OutboxInbox1764000000000, ...REGISTRY_MIGRATIONS]);
    register = new RegisterAccountUseCase(ds, new Outbox('account-registry'), {
      effectiveAfterBankingDays: 0,
      activationDays: 60,
      activationMaxAttempts: 5,
      codeSecret: 'a-test-secret-of-at-least-32-characters',
    });
    lookups = new LookupAccountsUseCase(ds);
  });

  afterAll(async () => {
    await ds.destroy();
    await infra.dispose();
  });

  it('answers the account in force on any date, keeps every version, and publishes each state', async () => {
    const p = person(1);
    const bank = { channel: 'BANK' as const, actor: 'bank:DANSKE' };
    expect(
      await register.execute(
        { party: p, action: 'ASSIGN', account: dk('3001', '1111111111'), ...bank },
        at('2026-03-02'),
      ),
    ).toMatchObject({ ok: true, state: 'ACTIVE', partyVersion: 1, effectiveFrom: '2026-03-02' });
    expect(
      await register.execute(
        { party: p, action: 'ASSIGN', account: dk('3001', '2222222222'), ...bank },
        at('2026-03-10'),
      ),
    ).toMatchObject({ ok: true, partyVersion: 2 });
    const answers = await lookups.execute(
      asker,
      ['2026-03-01', '2026-03-05', '2026-03-09', '2026-03-10', '2027-01-01'].map((date) => ({
        party: p,
        date,
      })),
    );
    expect(answers.map((a) => (a.found ? a.account.accountNo : a.code))).toEqual([
      'NO_ACCOUNT',
      '1111111111',
      '1111111111',
      '2222222222',
      '2222222222',
    ]);
    const versions = (await ds.query(
      `SELECT state, to_char(effective_from, 'YYYY-MM-DD') AS f, to_char(effective_to, 'YYYY-MM-DD') AS t FROM account_versions WHERE party_id = $1 ORDER BY registered_at`,
      [p.value],
    )) as { state: string; f: string; t: string | null }[];
    expect(versions).toEqual([
      { state: 'ACTIVE', f: '2026-03-02', t: '2026-03-09' },
      { state: 'ACTIVE', f: '2026-03-10', t: null },
    ]);
    const events = (await ds.query(
      `SELECT body FROM outbox WHERE message_type = 'registry.account-changed' ORDER BY created_at`,
    )) as { body: Buffer | string }[];
    const last = JSON.parse(events.at(-1)?.body.toString() ?? '{}') as {
      payload: { partyVersion: number; nemkonto: unknown[] };
    };
    expect(last.payload.partyVersion).toBe(2);
    expect(last.payload.nemkonto).toHaveLength(2);
    expect(await lookups.execute(asker, [{ party: p, date: '2026-03-05' }])).toHaveLength(1);
    expect(
      Number(
        (
          (await ds.query(`SELECT count(*) AS n FROM lookup_audit WHERE party_id = $1`, [p.value])) as {
            n: string;
          }[]
        )[0]?.n,
      ),
    ).toBe(6);
  });

  it('keeps the account in force until a pending assignment is activated; a benefit-specific account is pending too', async () => {
    const p = person(2);
    await register.execute(
      {
        party: p,
        action: 'ASSIGN',
        account: dk('3001', '3333333333'),
        channel: 'BANK',
        actor: 'bank:DANSKE',
      },
      at('2026-03-02'),
    );
    const pending = await register.execute(
      {
        party: p,
        action: 'ASSIGN',
        account: dk('9570', '4444444444'),
        channel: 'AUTHORITY',
        actor: 'authority:UDK',
        reason: 'asked at the counter',
      },
      at('2026-03-03'),
    );
    expect(pending).toMatchObject({ ok: true, state: 'PENDING', effectiveFrom: null });
    const specific = await register.execute(
      {
        party: p,
        action: 'ASSIGN',
        account: dk('9570', '5555555555'),
        benefit: { authorityId: 'UDK', benefitType: 'BOERNEYDELSE' },
        channel: 'AUTHORITY',
        actor: 'authority:UDK',
        reason: 'the holder asked',
      },
      at('2026-03-03'),
    );
    expect(specific).toMatchObject({ ok: true, state: 'PENDING' });
    const [a] = await lookups.execute(asker, [{ party: p, benefitType: 'BOERNEYDELSE', date: '2026-03-04' }]);
    expect(a).toMatchObject({ found: true, source: 'NEMKONTO', account: { accountNo: '3333333333' } });
  });

  it('serialises concurrent changes: different parties never mix, one party with a stale version gets a conflict', async () => {
    const parties = Array.from({ length: 40 }, (_, i) => person(100 + i));
    await Promise.all(
      parties.map((p, i) =>
        register.execute(
          {
            party: p,
            action: 'ASSIGN',
            account: dk('3001', String(7_000_000 + i)),
            channel: 'BANK',
            actor: 'bank:DANSKE',
          },
          at('2026-03-02'),
        ),
      ),
    );
    const answers = await lookups.execute(
      asker,
      parties.map((p) => ({ party: p, date: '2026-03-02' })),
    );
    expect(answers.map((a) => (a.found ? a.account.accountNo : null))).toEqual(
      parties.map((_, i) => String(7_000_000 + i).padStart(10, '0')),
    );

    const one = person(200);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        register.execute(
          {
            party: one,
            action: 'ASSIGN',
            account: dk('3001', String(8_000_000 + i)),
            channel: 'BANK',
            actor: 'bank:DANSKE',
            expectedVersion: 0,
          },
          at('2026-03-02'),
        ),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'VERSION_CONFLICT')).toHaveLength(7);
    const [version] = (await ds.query(`SELECT version FROM parties WHERE party_id = $1`, [one.value])) as {
      version: number;
    }[];
    expect(version?.version).toBe(1);
  });

  it('chains every change in the log; the verification finds an altered entry', async () => {
    const ok = await verifyChangeLog(ds.manager);
    expect(ok.ok).toBe(true);
    const [{ n } = { n: '0' }] = (await ds.query(`SELECT count(*) AS n FROM parties WHERE version > 0`)) as {
      n: string;
    }[];
    expect(ok.entries).toBeGreaterThanOrEqual(Number(n));
    await expect(ds.query(`UPDATE change_log SET reason = 'x' WHERE seq = 2`)).rejects.toThrow(/append-only/);
    await ds.query(`ALTER TABLE change_log DISABLE TRIGGER change_log_append_only`);
    await ds.query(`UPDATE change_log SET after = '[]'::jsonb WHERE seq = 3`);
    await ds.query(`ALTER TABLE change_log ENABLE TRIGGER change_log_append_only`);
    const broken = await verifyChangeLog(ds.manager);
    expect(broken).toMatchObject({
      ok: false,
      brokenAt: { seq: 3, problem: expect.stringMatching(/altered/) },
    });
  });
});
