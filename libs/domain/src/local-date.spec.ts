import { DomainErrorCode } from './domain-validation.error';
import { isLeapYear, isValidDate, LocalDate, parseIsoDate } from './local-date';

describe('isLeapYear and isValidDate', () => {
  it.each([
    [2024, true],
    [2023, false],
    [2000, true], // divisible by 400
    [1900, false], // divisible by 100 only
    [2100, false],
    [1860, true],
  ])('%i leap year: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(isValidDate(year, 2, 29)).toBe(leap);
  });

  it.each([
    [2026, 1, 31, true],
    [2026, 4, 30, true],
    [2026, 4, 31, false],
    [2026, 2, 28, true],
    [2026, 12, 31, true],
    [2026, 13, 1, false],
    [2026, 0, 1, false],
    [2026, 1, 0, false],
    [2026, 1, 1.5, false],
    [29, 2, 29, false], // year 29 (not 1929): Date.UTC would remap it
    [28, 2, 29, true],
  ])('%i-%i-%s valid: %s', (y, m, d, valid) => {
    expect(isValidDate(y, m, d)).toBe(valid);
  });
});

describe('parseIsoDate', () => {
  it('returns UTC midnight of the date', () => {
    expect(parseIsoDate('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(parseIsoDate('0028-02-29').getUTCFullYear()).toBe(28);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-1-01', '26-01-01', '2026-01-01T00:00:00Z', ' 2026-01-01', ''])(
    'rejects %j with DATE_FORMAT',
    (input) => {
      expect(() => parseIsoDate(input)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.DATE_FORMAT }),
      );
    },
  );
});

describe('LocalDate', () => {
  it('parses and reports the code through tryParse', () => {
    expect(LocalDate.parse('2024-02-29')).toBe('2024-02-29');
    expect(LocalDate.tryParse('2023-02-29')).toMatchObject({ ok: false, code: DomainErrorCode.DATE_FORMAT });
    expect(LocalDate.tryParse('2023-02-28')).toEqual({ ok: true, value: '2023-02-28' });
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2026-03-28', 2, '2026-03-30'], // over the EU daylight-saving change
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-05-13', 0, '2026-05-13'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(LocalDate.addDays(date, days)).toBe(expected);
  });

  it('refuses fractional days', () => {
    expect(() => LocalDate.addDays('2026-01-01', 0.5)).toThrow(RangeError);
  });

  it('gives the weekday and year', () => {
    expect(LocalDate.dayOfWeek('2026-05-01')).toBe(5); // Friday
    expect(LocalDate.dayOfWeek('2026-05-03')).toBe(0); // Sunday
    expect(LocalDate.year('2026-05-03')).toBe(2026);
  });

  it('takes the UTC date of an instant, whatever the local zone', () => {
    expect(LocalDate.fromUtcDate(new Date('2026-06-04T23:30:00-02:00'))).toBe('2026-06-05');
    expect(LocalDate.fromUtcDate(new Date('2026-06-05T00:30:00+02:00'))).toBe('2026-06-04');
  });
});
