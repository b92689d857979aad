import { HIT_COST, MISS_COST, adjust, levelAt, retryAfterSeconds, take } from './token-bucket';

const settings = { capacity: 100, refillPerSecond: 2 };
const t0 = new Date('2026-11-25T10:00:00.000Z');
const after = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);

describe('token bucket arithmetic', () => {
  it('starts full and takes the cost when it has it', () => {
    const first = take(null, MISS_COST, settings, t0);
    expect(first).toEqual({ granted: true, state: { tokens: 80, refilledAt: t0 } });
    expect(take(first.state, HIT_COST, settings, t0).state.tokens).toBe(79);
  });

  it('refuses without taking anything when the level is below the cost', () => {
    const low = { tokens: 19, refilledAt: t0 };
    expect(take(low, MISS_COST, settings, t0)).toEqual({ granted: false, state: low });
    expect(take(low, HIT_COST, settings, t0).granted).toBe(true);
  });

  it('refills at the rate up to the capacity, never beyond', () => {
    const empty = { tokens: 0, refilledAt: t0 };
    expect(levelAt(empty, settings, after(5))).toBe(10);
    expect(levelAt(empty, settings, after(3600))).toBe(100);
    expect(take(empty, MISS_COST, settings, after(10))).toEqual({
      granted: true,
      state: { tokens: 0, refilledAt: after(10) },
    });
  });

  it('adds nothing for a clock that went backwards, and keeps the later refill time', () => {
    const s = { tokens: 40, refilledAt: after(10) };
    expect(levelAt(s, settings, t0)).toBe(40);
    expect(take(s, MISS_COST, settings, t0).state).toEqual({ tokens: 20, refilledAt: after(10) });
  });

  it('lets 5 misses or 100 hits through a bucket of 100: a miss costs 20 hits', () => {
    const count = (cost: number): number => {
      let state = null as Parameters<typeof take>[0];
      let n = 0;
      for (;;) {
        const r = take(state, cost, settings, t0);
        if (!r.granted) return n;
        state = r.state;
        n += 1;
      }
    };
    expect(count(MISS_COST)).toBe(5);
    expect(count(HIT_COST)).toBe(100);
  });

  it('gives back a reservation up to the capacity, and charges below zero without condition', () => {
    expect(adjust({ tokens: 90, refilledAt: t0 }, 19, settings, t0).tokens).toBe(100);
    expect(adjust({ tokens: 10, refilledAt: t0 }, -190, settings, t0).tokens).toBe(-180);
    // A bucket in debt refuses until it has refilled the debt and the cost.
    expect(take({ tokens: -180, refilledAt: t0 }, HIT_COST, settings, after(90)).granted).toBe(false);
    expect(take({ tokens: -180, refilledAt: t0 }, HIT_COST, settings, after(90.5)).granted).toBe(true);
  });

  it('says how long until the cost is there again, in whole seconds', () => {
    expect(retryAfterSeconds(0, MISS_COST, settings)).toBe(10);
    expect(retryAfterSeconds(19.5, MISS_COST, settings)).toBe(1);
    expect(retryAfterSeconds(-180, HIT_COST, settings)).toBe(91);
    expect(retryAfterSeconds(0, 101, settings)).toBeNull();
  });
});
