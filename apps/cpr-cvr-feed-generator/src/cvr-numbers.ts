import { Rng } from './rng';

const WEIGHTS = [2, 7, 6, 5, 4, 3, 2] as const;

// The CVR check digit for a 7-digit base (Erhvervsstyrelsen's modulus 11), or null when the base
// cannot take one (remainder 1).
export function cvrCheckDigit(base7: string): number | null {
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (base7.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : check;
}

// Hands out distinct numbers in increasing order with random gaps: CVR and SE numbers share one
// series (8 digits, modulus 11, never starting with 0); P numbers have their own (10 digits).
export class NumberSeries {
  private cvrBase: number;
  private pNumber: number;

  constructor(
    private readonly rng: Rng,
    expected: number,
    startCvrBase = 1_000_000,
    startP = 1_000_000_000,
  ) {
    this.cvrBase = startCvrBase;
    this.pNumber = startP;
    // Spread the numbers over the 7-digit bases, leaving room for the change streams after.
    this.step = Math.max(1, Math.floor((9_000_000 - startCvrBase) / Math.max(1, expected * 1.5)));
  }

  private readonly step: number;

  // A CVR (or SE) number.
  nextCvr(): string {
    for (;;) {
      this.cvrBase += 1 + this.rng.int(this.step * 2 - 1 || 1);
      if (this.cvrBase > 9_999_999) throw new Error('the CVR number series is exhausted');
      const base = String(this.cvrBase);
      const check = cvrCheckDigit(base);
      if (check !== null) return base + String(check);
    }
  }

  nextP(): string {
    this.pNumber += 1 + this.rng.int(40);
    if (this.pNumber > 9_999_999_999) throw new Error('the P number series is exhausted');
    return String(this.pNumber);
  }

  // Where the series stand (the change stream continues after the extract's numbers).
  position(): { cvrBase: number; pNumber: number } {
    return { cvrBase: this.cvrBase, pNumber: this.pNumber };
  }
}
