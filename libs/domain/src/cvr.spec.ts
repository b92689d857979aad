import { Cvr } from './cvr';
import { DomainErrorCode } from './domain-validation.error';

describe('Cvr', () => {
  // 13748136 is the worked example in formats.md §4.2 (Σ = 126 over 7 digits, check digit 6).
  it.each(['13748136', ' 13748136 ', '10000009', '99999993'])('accepts %j', (input) => {
    expect(Cvr.parse(input)).toBe(input.trim());
    expect(Cvr.isValid(input)).toBe(true);
  });

  it.each([
    '13748137', // last digit changed
    '13748130',
    '31748136', // two digits swapped
    '13748163',
    '10000000',
    '99999999',
  ])('rejects %s with CVR_CHECKSUM', (input) => {
    expect(Cvr.tryParse(input)).toMatchObject({ ok: false, code: DomainErrorCode.CVR_CHECKSUM });
  });

  it.each([
    '1374813', // 7 digits
    '137481360', // 9 digits
    '03748136', // leading 0
    '00000000',
    '1374813a',
    '1374-8136',
    'DK13748136',
    '',
  ])('rejects %j with CVR_FORMAT', (input) => {
    expect(Cvr.tryParse(input)).toMatchObject({ ok: false, code: DomainErrorCode.CVR_FORMAT });
    expect(() => Cvr.parse(input)).toThrow(expect.objectContaining({ code: DomainErrorCode.CVR_FORMAT }));
  });

  it('has exactly one check digit per 7-digit stem, so only 13748136 passes among 1374813x', () => {
    const passing = Array.from({ length: 10 }, (_, d) => `1374813${d}`).filter((c) => Cvr.isValid(c));
    expect(passing).toEqual(['13748136']);
  });
});
