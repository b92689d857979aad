import { DanishBankingCalendar, easterSunday } from './banking-calendar';

const calendar = new DanishBankingCalendar();

describe('DanishBankingCalendar', () => {
  it('computes Easter Sunday', () => {
    expect(['2023', '2024', '2026', '2027', '2038'].map((y) => easterSunday(Number(y)))).toEqual([
      '2023-04-09',
      '2024-03-31',
      '2026-04-05',
      '2027-03-28',
      '2038-04-25',
    ]);
  });

  it("matches Nationalbanken's 2026 bank closing days", () => {
    expect(calendar.closingDays(2026).map((d) => d.date)).toEqual([
      '2026-01-01',
      '2026-04-02',
      '2026-04-03',
      '2026-04-06',
      '2026-05-14',
      '2026-05-15',
      '2026-05-25',
      '2026-06-05',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-31',
    ]);
  });

  it("matches Nationalbanken's 2027 bank closing days", () => {
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
  });

  it('has Store Bededag up to 2023 only', () => {
    expect(calendar.isBankingDay('2023-05-05')).toBe(false);
    expect(calendar.closingDays(2023).map((d) => d.name)).toContain('Store bededag');
    expect(calendar.closingDays(2024).map((d) => d.name)).not.toContain('Store bededag');
    expect(calendar.isBankingDay('2024-04-26')).toBe(true);
  });

  it('keeps 1 May a banking day and weekends closed', () => {
    expect(calendar.isBankingDay('2026-05-01')).toBe(true);
    expect(calendar.isBankingDay('2026-05-02')).toBe(false);
    expect(calendar.isBankingDay('2026-05-03')).toBe(false);
  });

  it('rolls to the first banking day on or after a date', () => {
    expect(calendar.nextBankingDay('2026-04-01')).toBe('2026-04-01');
    expect(calendar.nextBankingDay('2026-04-02')).toBe('2026-04-07'); // Easter
    expect(calendar.nextBankingDay('2026-12-24')).toBe('2026-12-28');
    expect(calendar.nextBankingDay('2026-12-31')).toBe('2027-01-04');
  });

  it('adds banking days', () => {
    expect(calendar.addBankingDays('2026-05-13', 0)).toBe('2026-05-13');
    expect(calendar.addBankingDays('2026-05-13', 1)).toBe('2026-05-18'); // Ascension + bank holiday + weekend
    expect(calendar.addBankingDays('2026-05-13', 5)).toBe('2026-05-22');
    expect(calendar.addBankingDays('2026-05-23', 2)).toBe('2026-05-28'); // Sat rolls to Tue 26 (Whit Monday closed), +2
    expect(() => calendar.addBankingDays('2026-05-13', -1)).toThrow(RangeError);
  });

  it('accepts extra closing days from configuration', () => {
    const custom = new DanishBankingCalendar([{ date: '2026-11-26', name: 'Emergency closure' }]);
    expect(custom.isBankingDay('2026-11-26')).toBe(false);
    expect(custom.nextBankingDay('2026-11-26')).toBe('2026-11-27');
  });
});
