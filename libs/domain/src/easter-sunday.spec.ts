import { easterSunday } from './easter-sunday';
import { LocalDate } from './local-date';

describe('easterSunday', () => {
  // Published Gregorian Easter dates, including the extremes 22 March and 25 April.
  it.each([
    [1818, '1818-03-22'], // earliest possible
    [1886, '1886-04-25'], // latest possible
    [1943, '1943-04-25'],
    [1961, '1961-04-02'],
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('%i: %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('always falls on a Sunday between 22 March and 25 April', () => {
    for (let year = 1900; year <= 2100; year++) {
      const easter = easterSunday(year);
      expect(LocalDate.dayOfWeek(easter)).toBe(0);
      expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true);
    }
  });

  it.each([1582, 10000, 2026.5])('refuses year %d', (year) => {
    expect(() => easterSunday(year)).toThrow(RangeError);
  });
});
