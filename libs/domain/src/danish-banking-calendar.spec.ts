import { DanishBankingCalendar } from './danish-banking-calendar';
import { DomainErrorCode } from './domain-validation.error';
import { LocalDate } from './local-date';

const calendar = new DanishBankingCalendar();

function everyDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = LocalDate.addDays(d, 1)) days.push(d);
  return days;
}

describe('DanishBankingCalendar', () => {
  it("matches Nationalbanken's 2026 bank closing days (formats.md §5.1)", () => {
    expect(calendar.closingDays(2026)).toEqual([
      { date: '2026-01-01', name: 'Nytårsdag' },
      { date: '2026-04-02', name: 'Skærtorsdag' },
      { date: '2026-04-03', name: 'Langfredag' },
      { date: '2026-04-06', name: '2. påskedag' },
      { date: '2026-05-14', name: 'Kristi himmelfartsdag' },
      { date: '2026-05-15', name: 'Banklukkedag (fredag efter Kristi himmelfartsdag)' },
      { date: '2026-05-25', name: '2. pinsedag' },
      { date: '2026-06-05', name: 'Grundlovsdag' },
      { date: '2026-12-24', name: 'Juleaftensdag' },
      { date: '2026-12-25', name: 'Juledag' },
      { date: '2026-12-26', name: '2. juledag' },
      { date: '2026-12-31', name: 'Nytårsaftensdag' },
    ]);
  });

  it("matches Nationalbanken's 2027 bank closing days (formats.md §5.1)", () => {
    expect(calendar.closingDays(2027).map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-03-25',
      '2027-03-26',
      '2027-03-29',
      '2027-05-06',
      '2027-05-07',
      '2027-05-17',
      '2027-06-05',
      '2027-12-24',
      '2027-12-25',
      '2027-12-26',
      '2027-12-31',
    ]);
    // The table marks 25 and 26 December 2027 "(Sat/Sun)".
    expect([LocalDate.dayOfWeek('2027-12-25'), LocalDate.dayOfWeek('2027-12-26')]).toEqual([6, 0]);
  });

  it('closes on every listed day and leaves 250 banking days in 2026', () => {
    for (const { date } of [...calendar.closingDays(2026), ...calendar.closingDays(2027)]) {
      expect(calendar.isBankingDay(date)).toBe(false);
    }
    // 365 days − 104 weekend days − 11 closing days on weekdays (26 Dec 2026 is a Saturday).
    expect(everyDay('2026-01-01', '2026-12-31').filter((d) => calendar.isBankingDay(d))).toHaveLength(250);
  });

  it('has Store bededag (Easter + 26) up to 2023 only', () => {
    expect(calendar.closingDays(2023)).toContainEqual({ date: '2023-05-05', name: 'Store bededag' });
    expect(calendar.isBankingDay('2023-05-05')).toBe(false);
    expect(calendar.closingDays(2023)).toHaveLength(13);
    expect(calendar.closingDays(2024).map((d) => d.name)).not.toContain('Store bededag');
    expect(calendar.closingDays(2024)).toHaveLength(12);
    expect(calendar.isBankingDay('2024-04-26')).toBe(true); // would have been Store bededag
  });

  it('keeps 1 May a banking day and closes weekends', () => {
    expect(calendar.isBankingDay('2026-05-01')).toBe(true); // Friday
    expect(calendar.isBankingDay('2025-05-01')).toBe(true); // Thursday
    expect(calendar.isBankingDay('2026-05-02')).toBe(false);
    expect(calendar.isBankingDay('2026-05-03')).toBe(false);
    expect(calendar.isBankingDay('2026-05-04')).toBe(true);
  });

  it('keeps both names when two rules meet (2. pinsedag on 5 June 2017)', () => {
    const days = calendar.closingDays(2017);
    expect(days).toContainEqual({ date: '2017-06-05', name: 'Grundlovsdag / 2. pinsedag' });
    expect(days).toHaveLength(12);
  });

  it.each([
    ['2026-04-01', '2026-04-01'], // an ordinary Wednesday
    ['2026-04-02', '2026-04-07'], // Easter: Thursday to Monday closed
    ['2026-05-02', '2026-05-04'],
    ['2026-05-14', '2026-05-18'], // Ascension, the Friday after, weekend
    ['2026-12-24', '2026-12-28'],
    ['2026-12-31', '2027-01-04'],
  ])('rolls %s to the first banking day on or after it: %s', (date, expected) => {
    expect(calendar.nextBankingDay(date)).toBe(expected);
  });

  it.each([
    ['2026-05-13', 0, '2026-05-13'],
    ['2026-05-13', 1, '2026-05-18'], // Ascension + bank holiday + weekend
    ['2026-05-13', 5, '2026-05-22'],
    ['2026-05-23', 0, '2026-05-26'], // Saturday; Monday 25 is 2. pinsedag
    ['2026-05-23', 1, '2026-05-26'], // the closed day itself never counts
    ['2026-05-23', 2, '2026-05-27'],
    ['2026-12-23', 1, '2026-12-28'],
    ['2026-12-23', 4, '2027-01-04'],
  ])('%s plus %i banking days is %s', (date, n, expected) => {
    expect(calendar.addBankingDays(date, n)).toBe(expected);
  });

  it('lands n banking days after the date, for every date of 2026', () => {
    for (const date of everyDay('2026-01-01', '2026-12-31')) {
      for (const n of [1, 2, 5]) {
        const result = calendar.addBankingDays(date, n);
        const between = everyDay(LocalDate.addDays(date, 1), result).filter((d) => calendar.isBankingDay(d));
        expect(calendar.isBankingDay(result)).toBe(true);
        expect(between).toHaveLength(n);
      }
    }
  });

  it.each([-1, 1.5, Number.NaN])('refuses n = %d', (n) => {
    expect(() => calendar.addBankingDays('2026-05-13', n)).toThrow(RangeError);
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    for (const bad of ['2026-02-30', '13-05-2026', '2026-05-13T10:00:00Z']) {
      expect(() => calendar.isBankingDay(bad)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.DATE_FORMAT }),
      );
    }
  });

  it('accepts extra closing days from configuration', () => {
    const custom = new DanishBankingCalendar([{ date: '2026-11-26', name: 'Ekstraordinær lukning' }]);
    expect(custom.isBankingDay('2026-11-26')).toBe(false);
    expect(custom.nextBankingDay('2026-11-26')).toBe('2026-11-27');
    expect(custom.closingDays(2026)).toContainEqual({ date: '2026-11-26', name: 'Ekstraordinær lukning' });
    expect(custom.closingDays(2026)).toHaveLength(13);
    expect(custom.closingDays(2027)).toHaveLength(12);
    expect(calendar.isBankingDay('2026-11-26')).toBe(true); // other instances are unaffected
  });

  it('refuses a configured closing day that is not a date', () => {
    expect(() => new DanishBankingCalendar([{ date: '2026-11-31', name: 'x' }])).toThrow(
      expect.objectContaining({ code: DomainErrorCode.DATE_FORMAT }),
    );
  });
});
