import { CopenhagenWallClock, DanishBankingCalendar, LocalDate } from '@nemkonto/domain';

// The first day a bank can still execute an order given now: today if it is a banking day and the
// bank's cut-off has not passed, otherwise the next banking day (formats.md §5.2).
export function earliestExecutionDate(
  calendar: DanishBankingCalendar,
  now: CopenhagenWallClock,
  cutoffMinuteOfDay: number,
): LocalDate {
  if (calendar.isBankingDay(now.date) && now.minuteOfDay < cutoffMinuteOfDay) return now.date;
  return calendar.nextBankingDay(LocalDate.addDays(now.date, 1));
}

// Execution date = the first banking day on or after the requested date, and never before the
// earliest date the bank can still execute.
export function executionDateFor(
  calendar: DanishBankingCalendar,
  requested: string,
  earliest: string,
): LocalDate {
  return calendar.nextBankingDay(requested > earliest ? requested : earliest);
}

// Orders are sent to the bank `leadBankingDays` banking days before execution; until then they
// wait (and can be stopped). Payments executing on or before the returned date are due now.
export function dueUntil(
  calendar: DanishBankingCalendar,
  earliest: string,
  leadBankingDays: number,
): LocalDate {
  return calendar.addBankingDays(earliest, leadBankingDays);
}
