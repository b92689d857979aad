import { easterSunday } from './easter-sunday';
import { LocalDate } from './local-date';

export interface ClosingDay {
  readonly date: string;
  readonly name: string;
}

// Offsets from Easter Sunday of the movable bank closing days.
const MOVABLE: readonly (readonly [number, string])[] = [
  [-3, 'Skærtorsdag'],
  [-2, 'Langfredag'],
  [1, '2. påskedag'],
  [39, 'Kristi himmelfartsdag'],
  [40, 'Banklukkedag (fredag efter Kristi himmelfartsdag)'],
  [50, '2. pinsedag'],
];
const FIXED: readonly (readonly [string, string])[] = [
  ['01-01', 'Nytårsdag'],
  ['06-05', 'Grundlovsdag'],
  ['12-24', 'Juleaftensdag'],
  ['12-25', 'Juledag'],
  ['12-26', '2. juledag'],
  ['12-31', 'Nytårsaftensdag'],
];

// Danish bank closing days per Danmarks Nationalbank ("banklukkedage"), besides Saturdays and
// Sundays. Written here rather than taken from date-holidays, which misses the Friday after
// Ascension and 31 December and has 5 June and 24 December as observances only (formats.md
// §5.1). 1 May is not a Danish closing day (only a TARGET2 one). Extra days (an announced
// closure) come from configuration.
export class DanishBankingCalendar {
  private readonly extra: readonly ClosingDay[];
  private readonly byYear = new Map<number, ReadonlyMap<string, string>>();

  constructor(extraClosingDays: readonly ClosingDay[] = []) {
    this.extra = extraClosingDays.map((d) => ({ date: LocalDate.parse(d.date), name: d.name }));
  }

  // Every closing day of the year by date, weekend or not (25-26 Dec 2027 are a Saturday and Sunday).
  closingDays(year: number): ClosingDay[] {
    return [...this.forYear(year)]
      .map(([date, name]) => ({ date, name }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  isBankingDay(date: string): boolean {
    const weekday = LocalDate.dayOfWeek(date);
    return weekday !== 0 && weekday !== 6 && !this.forYear(LocalDate.year(date)).has(date);
  }

  // The first banking day on or after the date: the execution date for a requested date.
  nextBankingDay(date: string): LocalDate {
    let d = LocalDate.parse(date);
    while (!this.isBankingDay(d)) d = LocalDate.addDays(d, 1);
    return d;
  }

  // The n-th banking day after the date, counted as in "the 5th bank day after": a closed date
  // itself never counts, so from Saturday n = 1 is Monday. n = 0 is nextBankingDay(date), which
  // for a closed date is the same day as n = 1.
  addBankingDays(date: string, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0');
    if (n === 0) return this.nextBankingDay(date);
    let d = LocalDate.parse(date);
    for (let i = 0; i < n; i++) d = this.nextBankingDay(LocalDate.addDays(d, 1));
    return d;
  }

  private forYear(year: number): ReadonlyMap<string, string> {
    const cached = this.byYear.get(year);
    if (cached) return cached;
    const days = new Map<string, string>();
    // Two rules can meet (2. pinsedag was 5 June in 2017): keep both names.
    const add = (date: string, name: string): void => {
      const existing = days.get(date);
      days.set(date, existing ? `${existing} / ${name}` : name);
    };
    const easter = easterSunday(year);
    for (const [monthDay, name] of FIXED) add(`${year}-${monthDay}`, name);
    for (const [offset, name] of MOVABLE) add(LocalDate.addDays(easter, offset), name);
    // Store bededag was abolished from 2024 (formats.md §5.1).
    if (year <= 2023) add(LocalDate.addDays(easter, 26), 'Store bededag');
    for (const d of this.extra) if (LocalDate.year(d.date) === year) add(d.date, d.name);
    this.byYear.set(year, days);
    return days;
  }
}
