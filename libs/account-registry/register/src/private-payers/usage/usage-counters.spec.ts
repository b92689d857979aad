import { usageOf } from './usage-counters';

const account = { kind: 'DK' as const, regNo: '3001', accountNo: '1' };
const lookups = [
  { kind: 'CPR', hit: { outcome: 'FOUND' as const, account } },
  { kind: 'CVR', hit: { outcome: 'FOUND' as const, account } },
  { kind: 'CPR', hit: { outcome: 'NO_ACCOUNT' as const, account: null } },
  { kind: 'CPR', hit: { outcome: 'END_MARKED' as const, account: null } },
  { kind: 'CPR', hit: { outcome: 'OPTED_OUT' as const, account: null } },
];

describe('usage counters', () => {
  it('count hits, misses and opt-outs, and as couplings (the fee) only CPR numbers given an account', () => {
    expect(usageOf('FULL', lookups)).toEqual({
      lookups: 5,
      hits: 2,
      misses: 2,
      optedOut: 1,
      yesNo: 0,
      throttled: 0,
      cprCouplings: 1,
    });
  });

  it('count yes/no lookups as such, with no couplings: no account number was given', () => {
    expect(usageOf('YES_NO', lookups)).toMatchObject({ lookups: 5, hits: 2, yesNo: 5, cprCouplings: 0 });
  });
});
