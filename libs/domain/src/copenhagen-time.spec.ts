import { copenhagenWallClock, parseTimeOfDay } from './copenhagen-time';

describe('copenhagenWallClock', () => {
  it('uses Danish summer time (UTC+2) and winter time (UTC+1)', () => {
    expect(copenhagenWallClock(new Date('2026-06-30T22:30:00Z'))).toEqual({
      date: '2026-07-01',
      minuteOfDay: 30,
    });
    expect(copenhagenWallClock(new Date('2026-12-31T22:59:00Z'))).toEqual({
      date: '2026-12-31',
      minuteOfDay: 23 * 60 + 59,
    });
    expect(copenhagenWallClock(new Date('2026-12-31T23:00:00Z')).date).toBe('2027-01-01');
  });
});

describe('parseTimeOfDay', () => {
  it('reads HH:MM and refuses anything else', () => {
    expect(parseTimeOfDay('12:00')).toBe(720);
    expect(parseTimeOfDay('00:00')).toBe(0);
    expect(() => parseTimeOfDay('24:00')).toThrow(RangeError);
    expect(() => parseTimeOfDay('9:00')).toThrow(RangeError);
  });
});
