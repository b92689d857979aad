import { DanishBankingCalendar, copenhagenWallClock } from '@nemkonto/domain';
import { dueUntil, earliestExecutionDate, executionDateFor } from './execution-date';

const calendar = new DanishBankingCalendar();
const noon = 12 * 60;

describe('execution dates', () => {
  it('is today before the cut-off on a banking day, the next banking day after it', () => {
    // Wednesday 2026-11-25, 11:59 and 12:00 in Copenhagen (UTC+1).
    expect(earliestExecutionDate(calendar, copenhagenWallClock(new Date('2026-11-25T10:59:00Z')), noon)).toBe(
      '2026-11-25',
    );
    expect(earliestExecutionDate(calendar, copenhagenWallClock(new Date('2026-11-25T11:00:00Z')), noon)).toBe(
      '2026-11-26',
    );
  });

  it('skips weekends and bank holidays, also after a Friday cut-off', () => {
    // Friday 2026-12-18 after cut-off → Monday 21st.
    expect(earliestExecutionDate(calendar, copenhagenWallClock(new Date('2026-12-18T15:00:00Z')), noon)).toBe(
      '2026-12-21',
    );
    // Requested on Christmas Eve (closed), 25th, 26th (Saturday), 27th Sunday → Monday 28th.
    expect(executionDateFor(calendar, '2026-12-24', '2026-12-01')).toBe('2026-12-28');
    // Saturday → Monday.
    expect(executionDateFor(calendar, '2026-11-28', '2026-11-25')).toBe('2026-11-30');
  });

  it('never executes before the earliest possible date, even when an earlier date was requested', () => {
    expect(executionDateFor(calendar, '2026-11-02', '2026-11-26')).toBe('2026-11-26');
  });

  it('makes payments due a configurable number of banking days before execution', () => {
    expect(dueUntil(calendar, '2026-11-25', 0)).toBe('2026-11-25');
    expect(dueUntil(calendar, '2026-11-27', 1)).toBe('2026-11-30');
  });
});
