// Token buckets against enumeration (as Brazil's Pix directory does it): every lookup takes
// tokens, a miss many more than a hit, and the bucket refills at a steady rate up to its
// capacity. The arithmetic here is the model; TokenBuckets runs the same in one SQL statement
// per charge, and its integration test checks the two agree.

export interface BucketSettings {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

export interface BucketState {
  readonly tokens: number;
  readonly refilledAt: Date;
}

// A hit (the account, or `registered: true`) costs 1; a miss (no account, end-marked, opted out,
// unknown party) costs 20, so guessing numbers drains a bucket twenty times faster than paying
// known recipients.
export const HIT_COST = 1;
export const MISS_COST = 20;

// The level at `at`: what was left plus the refill since, never above capacity. A clock that
// went backwards (another instance's) adds nothing.
export function levelAt(state: BucketState | null, settings: BucketSettings, at: Date): number {
  if (!state) return settings.capacity;
  const elapsed = Math.max(0, (at.getTime() - state.refilledAt.getTime()) / 1000);
  return Math.min(settings.capacity, state.tokens + elapsed * settings.refillPerSecond);
}

const later = (state: BucketState | null, at: Date): Date =>
  state && state.refilledAt.getTime() > at.getTime() ? state.refilledAt : at;

// Takes `cost` tokens if the bucket holds them; otherwise takes nothing.
export function take(
  state: BucketState | null,
  cost: number,
  settings: BucketSettings,
  at: Date,
): { readonly state: BucketState; readonly granted: boolean } {
  const level = levelAt(state, settings, at);
  const granted = level >= cost;
  return { state: { tokens: granted ? level - cost : level, refilledAt: later(state, at) }, granted };
}

// Gives tokens back (a reserved miss that was a hit) or charges without condition (a bundle's
// misses, found only after the lookup: the bucket may go below zero and must refill first).
export function adjust(
  state: BucketState | null,
  delta: number,
  settings: BucketSettings,
  at: Date,
): BucketState {
  return {
    tokens: Math.min(settings.capacity, levelAt(state, settings, at) + delta),
    refilledAt: later(state, at),
  };
}

// Whole seconds until the bucket holds `cost` tokens again (at least 1), or null if it never
// will (the cost is above the capacity).
export function retryAfterSeconds(level: number, cost: number, settings: BucketSettings): number | null {
  if (cost > settings.capacity) return null;
  return Math.max(1, Math.ceil((cost - level) / settings.refillPerSecond));
}
