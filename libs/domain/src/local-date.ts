import { DomainErrorCode, DomainValidationError } from './domain-validation.error';

// Calendar dates as ISO strings (YYYY-MM-DD). Arithmetic in UTC, so no time zone or daylight
// saving change can move a date.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function parseIsoDate(value: string): Date {
  const m = ISO_DATE.exec(value);
  if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new DomainValidationError(
      DomainErrorCode.DATE_FORMAT,
      `"${value}" is not a calendar date (YYYY-MM-DD)`,
    );
  }
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export function formatIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const d = parseIsoDate(isoDate);
  d.setUTCDate(d.getUTCDate() + days);
  return formatIsoDate(d);
}

export function dayOfWeek(isoDate: string): number {
  return parseIsoDate(isoDate).getUTCDay();
}
