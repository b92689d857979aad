import { LocalDate } from './local-date';

export interface CopenhagenWallClock {
  // The calendar date in Denmark.
  readonly date: LocalDate;
  // Minutes since local midnight (0–1439), for comparing with cut-off times such as 12:00.
  readonly minuteOfDay: number;
}

const FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// Business dates and cut-offs are Danish wall-clock time, whatever the server's time zone
// (summer time included: the IANA zone does the conversion).
export function copenhagenWallClock(instant: Date): CopenhagenWallClock {
  const parts = Object.fromEntries(FORMAT.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: LocalDate.parse(`${parts['year']}-${parts['month']}-${parts['day']}`),
    minuteOfDay: Number(parts['hour']) * 60 + Number(parts['minute']),
  };
}

// "HH:MM" → minutes since midnight.
export function parseTimeOfDay(value: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new RangeError(`a time of day is written HH:MM, got ${JSON.stringify(value)}`);
  return Number(m[1]) * 60 + Number(m[2]);
}
