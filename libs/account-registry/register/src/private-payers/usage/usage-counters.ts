import { EntityManager } from 'typeorm';
import { LookupMode } from '../payers/private-payer';
import { PayerLookupHit } from '../lookups/payer-answer';

export interface UsageCounts {
  readonly lookups: number;
  readonly hits: number;
  readonly misses: number;
  readonly optedOut: number;
  readonly yesNo: number;
  readonly throttled: number;
  readonly cprCouplings: number;
}

const NONE: UsageCounts = {
  lookups: 0,
  hits: 0,
  misses: 0,
  optedOut: 0,
  yesNo: 0,
  throttled: 0,
  cprCouplings: 0,
};

// What a set of lookups adds to the payer's day. A coupling (what the fee is charged on) is a
// FULL-mode hit of a CPR number: the payer learnt which account belongs to that person.
export function usageOf(
  mode: LookupMode,
  lookups: readonly { readonly kind: string; readonly hit: PayerLookupHit }[],
): UsageCounts {
  const count = (f: (l: (typeof lookups)[number]) => boolean): number => lookups.filter(f).length;
  return {
    ...NONE,
    lookups: lookups.length,
    hits: count((l) => l.hit.outcome === 'FOUND'),
    misses: count((l) => l.hit.outcome === 'NO_ACCOUNT' || l.hit.outcome === 'END_MARKED'),
    optedOut: count((l) => l.hit.outcome === 'OPTED_OUT'),
    yesNo: mode === 'YES_NO' ? lookups.length : 0,
    cprCouplings: mode === 'FULL' ? count((l) => l.kind === 'CPR' && l.hit.outcome === 'FOUND') : 0,
  };
}

export const throttledUsage = (items: number): UsageCounts => ({ ...NONE, throttled: items });

// Adds to the payer's counters of the day (one upsert; concurrent lookups queue on the row).
export async function countUsage(
  m: EntityManager,
  payerId: string,
  day: string,
  c: UsageCounts,
): Promise<void> {
  await m.query(
    `INSERT INTO private_payer_usage AS u (payer_id, day, lookups, hits, misses, opted_out, yes_no, throttled, cpr_couplings)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (payer_id, day) DO UPDATE SET
       lookups = u.lookups + EXCLUDED.lookups, hits = u.hits + EXCLUDED.hits, misses = u.misses + EXCLUDED.misses,
       opted_out = u.opted_out + EXCLUDED.opted_out, yes_no = u.yes_no + EXCLUDED.yes_no,
       throttled = u.throttled + EXCLUDED.throttled, cpr_couplings = u.cpr_couplings + EXCLUDED.cpr_couplings`,
    [payerId, day, c.lookups, c.hits, c.misses, c.optedOut, c.yesNo, c.throttled, c.cprCouplings],
  );
}
