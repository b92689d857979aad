import { inspect } from 'node:util';
import { Cpr } from './cpr';
import { DomainErrorCode, DomainValidationError } from './domain-validation.error';

describe('Cpr', () => {
  // Every cell of the century table in formats.md §4.1, at its boundaries.
  it.each([
    ['0101000000', '1900-01-01'], // 7th 0, yy 00 → 1900s
    ['3112993000', '1999-12-31'], // 7th 3, yy 99 → 1900s
    ['0101364000', '2036-01-01'], // 7th 4, yy 36 → 2000s
    ['0101374000', '1937-01-01'], // 7th 4, yy 37 → 1900s
    ['0101579000', '1957-01-01'], // 7th 9, yy 57 → 1900s
    ['0101589000', '1958-01-01'], // 7th 9, yy 58 → 1900s
    ['0101009000', '2000-01-01'], // 7th 9, yy 00 → 2000s
    ['0101365000', '2036-01-01'], // 7th 5, yy 36 → 2000s
    ['0101376000', '2037-01-01'], // 7th 6, yy 37 → 2000s
    ['0101577000', '2057-01-01'], // 7th 7, yy 57 → 2000s
    ['0101585000', '1858-01-01'], // 7th 5, yy 58 → 1800s
    ['3112998000', '1899-12-31'], // 7th 8, yy 99 → 1800s
  ])('reads %s as born %s', (input, birthDate) => {
    expect(Cpr.parse(input).birthDate).toBe(birthDate);
  });

  it.each([
    ['290200-4000', '2000-02-29'], // 2000 is a leap year
    ['290260-5000', '1860-02-29'],
    ['290296-0000', '1996-02-29'],
  ])('accepts 29 February in a leap year: %s', (input, birthDate) => {
    expect(Cpr.parse(input).birthDate).toBe(birthDate);
  });

  it.each([
    ['290200-1000'], // 1900 is not a leap year, even though 2000 is
    ['290258-5000'], // 1858
    ['2902014000'], // 2001
    ['3102901234'],
    ['3104901234'],
    ['0013901234'],
    ['0001901234'],
    ['3213901234'],
    ['0000000000'],
  ])('rejects %s with CPR_DATE', (input) => {
    expect(Cpr.tryParse(input)).toMatchObject({ ok: false, code: DomainErrorCode.CPR_DATE });
  });

  it.each([
    ['01019'],
    ['010190123'],
    ['01019012345'],
    ['0101-901234'],
    ['010190--1234'],
    ['010190 1234'],
    ['abcdefghij'],
    ['01019O1234'],
    [''],
  ])('rejects %j with CPR_FORMAT', (input) => {
    expect(Cpr.tryParse(input)).toMatchObject({ ok: false, code: DomainErrorCode.CPR_FORMAT });
    expect(Cpr.isValid(input)).toBe(false);
  });

  it('throws a typed error whose message does not echo the number', () => {
    let caught: unknown;
    try {
      Cpr.parse('3213901234');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DomainValidationError);
    expect((caught as DomainValidationError).code).toBe(DomainErrorCode.CPR_DATE);
    expect((caught as DomainValidationError).message).not.toContain('3213');
  });

  it.each(['0101651234', '0101650000'])(
    'accepts %s, which fails modulus 11 (issued since 2007), and says so',
    (input) => {
      const cpr = Cpr.parse(input);
      expect(cpr.hasModulus11).toBe(false);
      expect(cpr.value).toBe(input);
      expect(cpr.birthDate).toBe('1965-01-01');
    },
  );

  it('recognises modulus 11 where it holds (211062-5629: weighted sum 110)', () => {
    expect(Cpr.parse('211062-5629').hasModulus11).toBe(true);
    expect(Cpr.parse('211062-5628').hasModulus11).toBe(false);
  });

  it('normalises both spellings (and surrounding spaces) to 10 digits', () => {
    expect(Cpr.parse('211062-5629').value).toBe('2110625629');
    expect(Cpr.parse(' 2110625629 ').value).toBe('2110625629');
    expect(Cpr.parse('211062-5629').equals(Cpr.parse('2110625629'))).toBe(true);
    expect(Cpr.parse('211062-5629').equals(Cpr.parse('2110625628'))).toBe(false);
  });

  it.each([
    ['2110625629', 'male'],
    ['2110625627', 'male'],
    ['2110625628', 'female'],
    ['2110625620', 'female'],
  ])('reads the sex of %s from the last digit: %s', (input, sex) => {
    expect(Cpr.parse(input).sex).toBe(sex);
  });

  it('never shows the clear number through toString, JSON or util.inspect', () => {
    const cpr = Cpr.parse('211062-5629');
    expect(cpr.masked()).toBe('211062-****');
    expect(`${cpr}`).toBe('211062-****');
    expect(String(cpr)).toBe('211062-****');
    expect(JSON.stringify({ cpr })).toBe('{"cpr":"211062-****"}');
    expect(inspect(cpr)).not.toContain('5629');
    expect(inspect({ nested: { cpr } }, { depth: 5 })).not.toContain('5629');
    expect(Object.keys(cpr)).toEqual([]);
  });

  it('returns a success result from tryParse', () => {
    const result = Cpr.tryParse('211062-5629');
    expect(result.ok && result.value.value).toBe('2110625629');
    expect(Cpr.isValid('2110625629')).toBe(true);
  });
});
