// The register's use cases on a migrated database of their own (no HTTP, no broker), with the
// helpers the lifecycle specs share: parties, accounts, dates, lookups, letters asked for, and
// CPR states applied as cpr-cvr-sync would publish them.
import { PersonStateDto, RegistryLetterRequestedV1 } from '@nemkonto/contracts';
import { Outbox } from '@nemkonto/platform-messaging';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { IntegrationContext, createIntegrationContext, openMigratedDataSource } from '@nemkonto/testing';
import { DataSource } from 'typeorm';
import { REGISTRY_MIGRATIONS } from '../migrations/registry-migrations';
import { RegistrySettings } from '../registry.settings';
import { ActivateAccountUseCase } from '../usecases/activate-account/activate-account.usecase';
import { ApplyCprCvrStatesUseCase } from '../usecases/apply-cpr-cvr-states/apply-cpr-cvr-states.usecase';
import { LookupAccountsUseCase } from '../usecases/lookup-accounts.usecase';
import { RegisterAccountUseCase } from '../usecases/register-account.usecase';

const settings: RegistrySettings = {
  effectiveAfterBankingDays: 0,
  activationDays: 60,
  activationMaxAttempts: 3,
  codeSecret: 'a-test-secret-of-at-least-32-characters',
};
export const dk = (accountNo: string) => ({
  kind: 'DK' as const,
  regNo: '3001',
  accountNo: accountNo.padStart(10, '0'),
});
export const at = (date: string): Date => new Date(`${date}T09:00:00+01:00`);
export const cpr = (n: number) => ({
  kind: 'CPR' as const,
  value: `1502${String(60 + n).padStart(2, '0')}4321`,
});
export const bank = { channel: 'BANK' as const, actor: 'bank:DANSKE' };
export const citizen = { channel: 'SELF_SERVICE' as const, actor: 'eid:test' };

export interface RegisterUnderTest {
  ds: DataSource;
  register: RegisterAccountUseCase;
  activate: ActivateAccountUseCase;
  states: ApplyCprCvrStatesUseCase;
}

// Call inside a describe: registers the set-up and tear-down hooks. `r` is filled before the
// first test; the helpers read it when called.
export function useRegisterLifecycle(name: string) {
  let infra: IntegrationContext;
  let lookups: LookupAccountsUseCase;
  const r = {} as RegisterUnderTest;
  const asker = { channel: 'AUTHORITY' as const, actor: 'authority:UDK', authorityId: 'UDK' };

  const lookup = async (party: { kind: 'CPR' | 'CVR' | 'SE' | 'P'; value: string }, date: string) => {
    const [a] = await lookups.execute(asker, [{ party, date }]);
    return a?.found ? a.account.accountNo : a?.code;
  };
  const letters = async (partyId: string): Promise<RegistryLetterRequestedV1[]> =>
    (
      (await r.ds.query(
        `SELECT body FROM outbox WHERE message_type = 'registry.letter-requested' ORDER BY created_at`,
      )) as { body: Buffer }[]
    )
      .map((row) => (JSON.parse(row.body.toString()) as { payload: RegistryLetterRequestedV1 }).payload)
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
    r.ds.transaction((m) => r.states.persons(m, 'CPR', kind, persons, at('2026-06-01')));

  beforeAll(async () => {
    infra = await createIntegrationContext(name);
    r.ds = await openMigratedDataSource(infra, [OutboxInbox1764000000000, ...REGISTRY_MIGRATIONS]);
    const outbox = new Outbox('account-registry');
    r.register = new RegisterAccountUseCase(r.ds, outbox, settings);
    r.activate = new ActivateAccountUseCase(r.ds, outbox, r.register, settings);
    lookups = new LookupAccountsUseCase(r.ds);
    r.states = new ApplyCprCvrStatesUseCase(outbox);
  });

  afterAll(async () => {
    await r.ds?.destroy();
    await infra?.dispose();
  });

  return { r, lookup, letters, personState, applyPersons };
}
