import { Cpr } from './cpr';
import { DomainErrorCode, tryParse } from './domain-validation.error';

describe('Cpr', () => {
  it.each([
    ['0101001234', '1900-01-01'], // 7th digit 1 → 1900s
    ['0101364234', '2036-01-01'], // 7th digit 4, yy ≤ 36 → 2000s
    ['0101374234', '1937-01-01'], // 7th digit 4, yy ≥ 37 → 1900s
    ['0101579234', '1957-01-01'], // 7th digit 9, yy ≥ 37 → 1900s
    ['0101305234', '2030-01-01'], // 7th digit 5, yy ≤ 57 → 2000s
    ['0101585234', '1858-01-01'], // 7th digit 5, yy ≥ 58 → 1800s
    ['0101998234', '1899-01-01'], // 7th digit 8, yy ≥ 58 → 1800s
    ['290200-4234', '2000-02-29'], // leap year 2000, dashed form
  ])('reads %s as born %s', (input, birthDate) => {
    expect(Cpr.parse(input).birthDate).toBe(birthDate);
  });

  it('accepts a valid number that fails modulus 11 (issued since 2007) and says so', () => {
    const cpr = Cpr.parse('0101651234');
    expect(cpr.hasModulus11).toBe(false);
    expect(cpr.value).toBe('0101651234');
  });

  it('recognises modulus 11 where it holds (211062-5629)', () => {
    expect(Cpr.parse('211062-5629').hasModulus11).toBe(true);
  });

  it.each([
    ['01019', DomainErrorCode.CPR_FORMAT],
    ['01019012345', DomainErrorCode.CPR_FORMAT],
    ['0101-901234', DomainErrorCode.CPR_FORMAT],
    ['abcdefghij', DomainErrorCode.CPR_FORMAT],
    ['3102901234', DomainErrorCode.CPR_DATE],
    ['2902014234', DomainErrorCode.CPR_DATE], // 2001 is not a leap year
    ['0013901234', DomainErrorCode.CPR_DATE],
    ['0001901234', DomainErrorCode.CPR_DATE],
  ])('rejects %s with %s', (input, code) => {
    expect(tryParse(() => Cpr.parse(input))).toMatchObject({ ok: false, code });
  });

  it('never shows the clear number through toString or JSON', () => {
    const cpr = Cpr.parse('211062-5629');
    expect(`${cpr}`).toBe('211062-****');
    expect(JSON.stringify({ cpr })).toBe('{"cpr":"211062-****"}');
    expect(cpr.sex).toBe('male');
    expect(Cpr.parse('2110625628').sex).toBe('female');
  });
});
