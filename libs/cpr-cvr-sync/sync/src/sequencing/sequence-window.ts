// What a source has delivered so far: every sequence number up to lastContiguous, and beyond it
// the ranges received while a gap is open (sorted, disjoint, never touching each other or
// lastContiguous). Pure, so the rules are unit-tested without a database.

export interface SeqRange {
  readonly from: number;
  readonly to: number;
}

export interface SequenceWindow {
  readonly lastContiguous: number;
  readonly beyond: readonly SeqRange[];
}

export interface Admission {
  // Sequence numbers never seen before, ascending (each once even if it came twice).
  readonly fresh: readonly number[];
  // Already received (a replay, a redelivery, the same file again): skipped.
  readonly duplicates: number;
  readonly window: SequenceWindow;
}

export const EMPTY_WINDOW: SequenceWindow = { lastContiguous: 0, beyond: [] };

export function isReceived(w: SequenceWindow, seq: number): boolean {
  if (seq <= w.lastContiguous) return true;
  // Binary search over the ranges.
  let lo = 0;
  let hi = w.beyond.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = w.beyond[mid] as SeqRange;
    if (seq < r.from) hi = mid - 1;
    else if (seq > r.to) lo = mid + 1;
    else return true;
  }
  return false;
}

// Merges ranges (any order, may overlap or touch) into the window's normal form.
export function normalise(lastContiguous: number, ranges: readonly SeqRange[]): SequenceWindow {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  let lc = lastContiguous;
  const out: SeqRange[] = [];
  for (const r of sorted) {
    if (r.to <= lc) continue;
    const from = Math.max(r.from, lc + 1);
    const last = out[out.length - 1];
    if (out.length === 0 && from === lc + 1) {
      lc = r.to;
    } else if (last && from <= last.to + 1) {
      out[out.length - 1] = { from: last.from, to: Math.max(last.to, r.to) };
    } else {
      out.push({ from, to: r.to });
    }
  }
  return { lastContiguous: lc, beyond: out };
}

// Collapses ascending unique numbers into ranges.
export function toRanges(ascending: readonly number[]): SeqRange[] {
  const out: SeqRange[] = [];
  for (const n of ascending) {
    const last = out[out.length - 1];
    if (last && n === last.to + 1) out[out.length - 1] = { from: last.from, to: n };
    else out.push({ from: n, to: n });
  }
  return out;
}

export function admit(w: SequenceWindow, incoming: readonly number[]): Admission {
  const unique = [...new Set(incoming)].sort((a, b) => a - b);
  const fresh = unique.filter((n) => !isReceived(w, n));
  return {
    fresh,
    duplicates: incoming.length - fresh.length,
    window: normalise(w.lastContiguous, [...w.beyond, ...toRanges(fresh)]),
  };
}

// The missing numbers between what is contiguous and the highest number received.
export function openGaps(w: SequenceWindow): SeqRange[] {
  const gaps: SeqRange[] = [];
  let next = w.lastContiguous + 1;
  for (const r of w.beyond) {
    if (r.from > next) gaps.push({ from: next, to: r.from - 1 });
    next = r.to + 1;
  }
  return gaps;
}

export const missingCount = (gaps: readonly SeqRange[]): number =>
  gaps.reduce((n, g) => n + (g.to - g.from + 1), 0);

export const sameRange = (a: SeqRange, b: SeqRange): boolean => a.from === b.from && a.to === b.to;
