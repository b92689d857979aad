import { DomainErrorCode, DomainValidationError, ParseResult, tryParse } from './domain-validation.error';

// A calendar date as an ISO string (YYYY-MM-DD), with no time and no zone. Arithmetic runs on
// UTC midnights, so no time zone or daylight-saving change can move a date.
export type LocalDate = string & { readonly __brand: 'LocalDate' };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// Pure arithmetic: Date.UTC maps years 0-99 to 1900-1999, so it cannot be trusted here.
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const max = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day <= max;
}

// UTC midnight of the date; throws DATE_FORMAT for anything that is not a real calendar date.
export function parseIsoDate(value: string): Date {
  const m = ISO_DATE.exec(value);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || !isValidDate(year, month, day)) {
    throw new DomainValidationError(
      DomainErrorCode.DATE_FORMAT,
      'a date must be a real calendar date written YYYY-MM-DD',
    );
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

export const LocalDate = {
  parse(value: string): LocalDate {
    parseIsoDate(value);
    return value as LocalDate;
  },

  tryParse(value: string): ParseResult<LocalDate> {
    return tryParse(() => LocalDate.parse(value));
  },

  // The UTC calendar date of an instant (e.g. a database timestamp).
  fromUtcDate(date: Date): LocalDate {
    const y = String(date.getUTCFullYear()).padStart(4, '0');
    const m = String(date.getUTCMonth() + 1).padStart(2, '0');
    const d = String(date.getUTCDate()).padStart(2, '0');
    return LocalDate.parse(`${y}-${m}-${d}`);
  },

  addDays(value: string, days: number): LocalDate {
    if (!Number.isInteger(days)) throw new RangeError('days must be a whole number');
    return LocalDate.fromUtcDate(new Date(parseIsoDate(value).getTime() + days * DAY_MS));
  },

  // 0 = Sunday … 6 = Saturday, as Date#getUTCDay.
  dayOfWeek(value: string): number {
    return parseIsoDate(value).getUTCDay();
  },

  year(value: string): number {
    return parseIsoDate(value).getUTCFullYear();
  },
};
