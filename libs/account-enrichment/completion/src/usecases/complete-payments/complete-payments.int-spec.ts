import { PaymentsReceivedV1, RegistryAccountChangedV1 } from '@nemkonto/contracts';
import { IntegrationContext, createIntegrationContext, openMigratedDataSource } from '@nemkonto/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { HeldPayments1764000002100 } from '../../migrations/held-payments.migration';
import { PartyNames1764000002300 } from '../../migrations/party-names.migration';
import { ProjectionSchema1764000002000 } from '../../migrations/projection-schema.migration';
import { ReleaseHeldPaymentsUseCase } from '../release-held-payments/release-held-payments.usecase';
import { ApplyAccountChangeUseCase } from '../apply-account-change/apply-account-change.usecase';
import { ApplyPartyNamesUseCase } from '../apply-party-names/apply-party-names.usecase';
import { CompletePaymentsUseCase } from './complete-payments.usecase';

jest.setTimeout(60_000);

const dk = (accountNo: string) => ({ kind: 'DK' as const, regNo: '0040', accountNo });

function change(cpr: string, version: number, accountNo: string): RegistryAccountChangedV1 {
  return {
    party: { kind: 'CPR', value: cpr },
    partyVersion: version,
    nemkonto: [{ account: dk(accountNo), effectiveFrom: '2020-01-01', effectiveTo: null }],
    benefitSpecific: [],
    endMarkedFrom: null,
    movedTo: null,
  };
}

function chunk(creditors: string[]): PaymentsReceivedV1 {
  return {
    bundleKey: randomUUID(),
    authorityId: 'UDK',
    chunkIndex: 0,
    chunkCount: 1,
    debitAccount: { regNo: '1234', accountNo: '0001234567' },
    noAccountPolicy: { kind: 'REJECT' },
    payments: creditors.map((cpr, i) => ({
      paymentId: randomUUID(),
      endToEndId: `E-${i}`,
      amountOre: 1000 + i,
      creditor: { kind: 'CPR' as const, value: cpr },
      creditorAccount: null,
      benefitType: 'BOERNEYDELSE',
      requestedExecutionDate: '2026-02-02',
      adviceText: null,
    })),
  };
}

describe('completion against the projection (real Postgres)', () => {
  let infra: IntegrationContext;
  let ds: DataSource;
  const apply = new ApplyAccountChangeUseCase();
  const complete = new CompletePaymentsUseCase();

  beforeAll(async () => {
    infra = await createIntegrationContext('enrich');
    ds = await openMigratedDataSource(infra, [
      ProjectionSchema1764000002000,
      HeldPayments1764000002100,
      PartyNames1764000002300,
    ]);
  });

  afterAll(async () => {
    await ds.destroy();
    await infra.dispose();
  });

  it('applies only newer versions of a party, so redelivered and late events change nothing', async () => {
    expect(await apply.execute(ds.manager, change('0101901234', 2, '0000000002'))).toBe('applied');
    expect(await apply.execute(ds.manager, change('0101901234', 1, '0000000001'))).toBe('stale');
    expect(await apply.execute(ds.manager, change('0101901234', 2, '0000000009'))).toBe('stale');
    const [row] = (await ds.query(
      `SELECT party_version, nemkonto FROM party_accounts WHERE party_id = '0101901234'`,
    )) as {
      party_version: number;
      nemkonto: { account: { accountNo: string } }[];
    }[];
    expect(row?.party_version).toBe(2);
    expect(row?.nemkonto[0]?.account.accountNo).toBe('0000000002');
  });

  it('completes a chunk with one lookup: found accounts, supplied accounts passed through, answer 7 for the rest', async () => {
    await apply.execute(ds.manager, change('0202901234', 1, '0000000003'));
    const input = chunk(['0101901234', '0202901234', '0404901234', '0303901234']);
    input.payments[2] = {
      ...input.payments[2]!,
      creditor: { kind: 'CPR', value: '0404901234' },
      creditorAccount: dk('5555555555'),
    };
    const out = await complete.execute(ds.manager, input, '2026-01-15');
    expect(out.completed.map((p) => [p.endToEndId, p.accountSource, p.creditorAccount])).toEqual([
      ['E-0', 'NEMKONTO', dk('0000000002')],
      ['E-1', 'NEMKONTO', dk('0000000003')],
      ['E-2', 'SUPPLIED', dk('5555555555')],
    ]);
    expect(out.notCompleted).toEqual([
      {
        paymentId: input.payments[3]!.paymentId,
        endToEndId: 'E-3',
        answerCode: 7,
        reason: 'no NemKonto is registered for the recipient',
      },
    ]);
    const inSum = input.payments.reduce((s, p) => s + p.amountOre, 0);
    const outSum = out.completed.reduce((s, p) => s + p.amountOre, 0) + input.payments[3]!.amountOre;
    expect(outSum).toBe(inSum);
    expect(out).toMatchObject({
      bundleKey: input.bundleKey,
      authorityId: 'UDK',
      chunkIndex: 0,
      chunkCount: 1,
    });
  });

  it('pays the authority error account when its agreement says so', async () => {
    const input = {
      ...chunk(['0505901234']),
      noAccountPolicy: { kind: 'ERROR_ACCOUNT' as const, account: dk('9999999999') },
    };
    const out = await complete.execute(ds.manager, input, '2026-01-15');
    expect(out.completed.map((p) => [p.endToEndId, p.accountSource, p.creditorAccount])).toEqual([
      ['E-0', 'AUTHORITY_ERROR_ACCOUNT', dk('9999999999')],
    ]);
    expect(out.notCompleted).toEqual([]);
  });

  it('holds payments without account, releases them when a NemKonto appears, and answers 7 when the hold ends', async () => {
    const release = new ReleaseHeldPaymentsUseCase();
    const input = {
      ...chunk(['0606901234', '0707901234']),
      noAccountPolicy: { kind: 'HOLD' as const, days: 10 },
    };
    const out = await complete.execute(ds.manager, input, '2026-01-15');
    expect(out.held.map((h) => [h.endToEndId, h.heldUntil])).toEqual([
      ['E-0', '2026-01-25'],
      ['E-1', '2026-01-25'],
    ]);
    expect(out.completed).toEqual([]);
    expect(out.notCompleted).toEqual([]);

    // The first recipient gets a NemKonto: its payment is released, completed, with the chunk's header.
    await apply.execute(ds.manager, change('0606901234', 1, '0000000006'));
    const released = await release.forParty(ds.manager, { kind: 'CPR', value: '0606901234' });
    expect(released).toHaveLength(1);
    expect(released[0]).toMatchObject({ bundleKey: input.bundleKey, chunkIndex: 0, release: true });
    expect(released[0]?.completed.map((p) => [p.endToEndId, p.creditorAccount])).toEqual([
      ['E-0', dk('0000000006')],
    ]);
    expect(await release.forParty(ds.manager, { kind: 'CPR', value: '0606901234' })).toEqual([]);

    // Not yet expired on the last day of the hold; answer 7 the day after.
    expect(await release.expire(ds.manager, '2026-01-25')).toEqual([]);
    const expired = await release.expire(ds.manager, '2026-01-26');
    expect(expired[0]?.notCompleted.map((p) => [p.endToEndId, p.answerCode])).toEqual([['E-1', 7]]);
    expect(expired[0]?.notCompleted[0]?.reason).toContain('2026-01-25');
    expect(await release.expire(ds.manager, '2026-01-27')).toEqual([]);
  });

  it("carries the recipient's CPR/CVR name on the payment order: never a protected one, never an older one", async () => {
    const names = new ApplyPartyNamesUseCase();
    const person = (cpr: string, sequenceNo: number, name: string | null, isProtected = false) => ({
      sequenceNo,
      cpr,
      previousCpr: null,
      status: 'ACTIVE' as const,
      statusDate: null,
      name,
      protected: isProtected,
    });
    // Names may come before the party's accounts (0808…) or after them (0909…).
    await names.persons(ds.manager, {
      source: 'CPR',
      kind: 'INITIAL_LOAD',
      persons: [person('0808901234', 5, 'Søren Ærø Højgaard')],
    });
    await apply.execute(ds.manager, change('0808901234', 1, '0000000008'));
    await apply.execute(ds.manager, change('0909901234', 1, '0000000009'));
    await names.persons(ds.manager, {
      source: 'CPR',
      kind: 'INITIAL_LOAD',
      persons: [person('0909901234', 6, 'Hemmelig Person')],
    });
    // Later: the second becomes protected (no name published); an older state arrives late.
    await names.persons(ds.manager, {
      source: 'CPR',
      kind: 'CHANGE',
      persons: [person('0909901234', 9, null, true)],
    });
    expect(
      await names.persons(ds.manager, {
        source: 'CPR',
        kind: 'CHANGE',
        persons: [person('0909901234', 7, 'Hemmelig Person')],
      }),
    ).toBe(0);
    // A company's name goes to its SE and P numbers too.
    await names.companies(ds.manager, {
      source: 'CVR',
      kind: 'CHANGE',
      companies: [
        {
          sequenceNo: 3,
          cvr: '13748136',
          seNumbers: ['31234563'],
          pNumbers: ['1012345678'],
          status: 'ACTIVE',
          statusDate: null,
          name: 'Nordisk Data A/S',
        },
      ],
    });
    const input = chunk(['0808901234', '0909901234', '0808901234', '0101010101']);
    input.payments[2] = { ...input.payments[2]!, creditorAccount: dk('5555555555') };
    input.payments[3] = {
      ...input.payments[3]!,
      creditor: { kind: 'P', value: '1012345678' },
      creditorAccount: dk('6666666666'),
    };
    const out = await complete.execute(ds.manager, input, '2026-01-15');
    expect(out.completed.map((p) => [p.endToEndId, p.accountSource, p.creditorName])).toEqual([
      ['E-0', 'NEMKONTO', 'Søren Ærø Højgaard'],
      ['E-1', 'NEMKONTO', null],
      ['E-2', 'SUPPLIED', 'Søren Ærø Højgaard'],
      ['E-3', 'SUPPLIED', 'Nordisk Data A/S'],
    ]);
    // The authority's error account is not the recipient's: no recipient name on it.
    const toError = {
      ...chunk(['0808901234']),
      noAccountPolicy: { kind: 'ERROR_ACCOUNT' as const, account: dk('9999999999') },
    };
    toError.payments[0] = { ...toError.payments[0]!, creditor: { kind: 'CVR', value: '13748136' } };
    const errorOut = await complete.execute(ds.manager, toError, '2026-01-15');
    expect(errorOut.completed.map((p) => [p.accountSource, p.creditorName])).toEqual([
      ['AUTHORITY_ERROR_ACCOUNT', null],
    ]);
  });
});
