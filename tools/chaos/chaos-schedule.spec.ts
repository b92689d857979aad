import { buildSchedule } from './chaos-schedule';

const options = {
  seed: 42,
  windowMs: 100_000,
  services: ['a', 'b', 'c'],
  killsPerService: 2,
  broker: true,
  database: true,
} as const;

describe('chaos schedule', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(buildSchedule(options)).toEqual(buildSchedule(options));
    expect(buildSchedule({ ...options, seed: 43 })).not.toEqual(buildSchedule(options));
  });

  it('kills every service the number of times asked, within the window, in time order', () => {
    const schedule = buildSchedule(options);
    for (const s of options.services)
      expect(schedule.filter((d) => d.kind === 'kill' && d.service === s)).toHaveLength(2);
    expect(schedule.filter((d) => d.kind === 'broker')).toHaveLength(1);
    expect(schedule.filter((d) => d.kind === 'database')).toHaveLength(1);
    const times = schedule.map((d) => d.atMs);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...times)).toBeLessThanOrEqual(options.windowMs);
  });
});
