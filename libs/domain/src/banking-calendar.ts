import { addDays, dayOfWeek, parseIsoDate } from './local-date';

export interface ClosingDay {
  readonly date: string;
  readonly name: string;
}

// Danish bank closing days per Danmarks Nationalbank ("banklukkedage"), written here because
// date-holidays misses the Friday after Ascension and 31 December and treats 5 June and
// 24 December as observances only (formats.md §5.1). Store Bededag was abolished from 2024.
export class DanishBankingCalendar {
  private readonly cache = new Map<number, Map<string, string>>();

  constructor(private readonly extraClosingDays: readonly ClosingDay[] = []) {}

  closingDays(year: number): ClosingDay[] {
    return [...this.forYear(year)]
      .map(([date, name]) => ({ date, name }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  isBankingDay(isoDate: string): boolean {
    const weekday = dayOfWeek(isoDate);
    if (weekday === 0 || weekday === 6) return false;
    return !this.forYear(parseIsoDate(isoDate).getUTCFullYear()).has(isoDate);
  }

  // The first banking day on or after the date.
  nextBankingDay(isoDate: string): string {
    let d = isoDate;
    while (!this.isBankingDay(d)) d = addDays(d, 1);
    return d;
  }

  // n banking days after the date (n = 0 gives nextBankingDay).
  addBankingDays(isoDate: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
    let d = this.nextBankingDay(isoDate);
    for (let i = 0; i < n; i++) d = this.nextBankingDay(addDays(d, 1));
    return d;
  }

  private forYear(year: number): Map<string, string> {
    let days = this.cache.get(year);
    if (!days) {
      days = new Map();
      const easter = easterSunday(year);
      const add = (date: string, name: string): void => void days?.set(date, name);
      add(`${year}-01-01`, 'Nytårsdag');
      add(addDays(easter, -3), 'Skærtorsdag');
      add(addDays(easter, -2), 'Langfredag');
      add(addDays(easter, 1), '2. påskedag');
      if (year <= 2023) add(addDays(easter, 26), 'Store bededag');
      add(addDays(easter, 39), 'Kristi himmelfartsdag');
      add(addDays(easter, 40), 'Banklukkedag (fredag efter Kristi himmelfart)');
      add(addDays(easter, 50), '2. pinsedag');
      add(`${year}-06-05`, 'Grundlovsdag');
      add(`${year}-12-24`, 'Juleaftensdag');
      add(`${year}-12-25`, 'Juledag');
      add(`${year}-12-26`, '2. juledag');
      add(`${year}-12-31`, 'Nytårsaftensdag');
      for (const extra of this.extraClosingDays)
        if (extra.date.startsWith(`${year}-`)) add(extra.date, extra.name);
      this.cache.set(year, days);
    }
    return days;
  }
}

// Gregorian Easter Sunday (Meeus/Jones/Butcher).
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
