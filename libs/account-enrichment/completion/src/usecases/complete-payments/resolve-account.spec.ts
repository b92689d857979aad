import { PartyAccounts, resolveAccount } from './resolve-account';

const dk = (accountNo: string) => ({ kind: 'DK' as const, regNo: '0040', accountNo });

const party: PartyAccounts = {
  nemkonto: [
    { account: dk('0000000001'), effectiveFrom: '2020-01-01', effectiveTo: '2026-03-01' },
    { account: dk('0000000002'), effectiveFrom: '2026-03-01', effectiveTo: null },
  ],
  benefitSpecific: [
    {
      account: dk('0000000099'),
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      authorityId: 'UDK',
      benefitType: 'BOERNEYDELSE',
    },
  ],
  endMarkedFrom: null,
};

describe('resolveAccount', () => {
  it('uses the NemKonto in force on the date, before and after a change', () => {
    expect(resolveAccount(party, 'SKAT', 'OVERSKYDENDE_SKAT', '2026-02-28')).toEqual({
      found: true,
      account: dk('0000000001'),
      source: 'NEMKONTO',
    });
    expect(resolveAccount(party, 'SKAT', 'OVERSKYDENDE_SKAT', '2026-03-01')).toEqual({
      found: true,
      account: dk('0000000002'),
      source: 'NEMKONTO',
    });
  });

  it('prefers the benefit-specific account of that authority and benefit type', () => {
    expect(resolveAccount(party, 'UDK', 'BOERNEYDELSE', '2026-02-01')).toMatchObject({
      source: 'BENEFIT_SPECIFIC',
      account: dk('0000000099'),
    });
    expect(resolveAccount(party, 'KOMMUNE', 'BOERNEYDELSE', '2026-02-01')).toMatchObject({
      source: 'NEMKONTO',
    });
    expect(resolveAccount(party, 'UDK', 'BOLIGSTOETTE', '2026-02-01')).toMatchObject({ source: 'NEMKONTO' });
    expect(resolveAccount(party, 'UDK', 'BOERNEYDELSE', '2025-12-31')).toMatchObject({ source: 'NEMKONTO' });
  });

  it('finds nothing for an unknown party, before the first NemKonto, or once end-marked', () => {
    expect(resolveAccount(undefined, 'UDK', 'X', '2026-01-01')).toMatchObject({
      found: false,
      reason: 'no NemKonto is registered for the recipient',
    });
    expect(resolveAccount(party, 'UDK', 'X', '2019-12-31')).toMatchObject({
      found: false,
      reason: 'no NemKonto of the recipient is in force on 2019-12-31',
    });
    const ended = { ...party, endMarkedFrom: '2026-06-01' };
    expect(resolveAccount(ended, 'UDK', 'BOERNEYDELSE', '2026-05-31')).toMatchObject({ found: true });
    expect(resolveAccount(ended, 'UDK', 'BOERNEYDELSE', '2026-06-01')).toMatchObject({
      found: false,
      reason: expect.stringContaining('end-marked'),
    });
  });
});
