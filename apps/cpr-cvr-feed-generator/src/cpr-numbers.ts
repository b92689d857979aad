import { Rng } from './rng';

// CPR numbers as the CPR office issues them (formats.md §4.1): DDMMYY-SSSS, the 7th digit and the
// year give the century, the last digit is even for women and odd for men, and numbers issued
// before 1 October 2007 meet modulus 11 (weights 4,3,2,7,6,5,4,3,2,1). Since then numbers
// without it exist, so far only for 1 January birth dates of these years (cpr.dk, 10-05-2023).
export const NO_MODULUS_11_YEARS: ReadonlySet<number> = new Set([
  1960, 1962, 1964, 1965, 1966, 1967, 1969, 1970, 1974, 1975, 1978, 1980, 1981, 1982, 1983, 1984, 1985, 1986,
  1987, 1988, 1989, 1990, 1991, 1992, 1994, 1995,
]);

const WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2] as const;
// Scratch space for issueForDate (600 = six 7th digits × 100).
const PREFIXES = new Int32Array(600);

// The 7th digits that give a birth year its century.
export function seventhDigitsFor(year: number): readonly number[] {
  if (year >= 1858 && year <= 1899) return [5, 6, 7, 8];
  if (year >= 1900 && year <= 1936) return [0, 1, 2, 3];
  if (year >= 1937 && year <= 1999) return [0, 1, 2, 3, 4, 9];
  if (year >= 2000 && year <= 2036) return [4, 5, 6, 7, 8, 9];
  if (year >= 2037 && year <= 2057) return [5, 6, 7, 8];
  throw new RangeError(`no CPR century rule covers ${year}`);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function datePart(year: number, month: number, day: number): string {
  return `${pad2(day)}${pad2(month)}${pad2(year % 100)}`;
}

// The 10th digit that makes the number meet modulus 11, or null when none does (remainder 1).
export function modulus11Digit(first9: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (first9.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? null : check;
}

export interface IssuedCpr {
  readonly cpr: string;
  readonly female: boolean;
  readonly modulus11: boolean;
}

// Issues distinct numbers for one birth date: the serial's first three digits are taken in a
// random order without repeats, so numbers of one date never collide. `withoutModulus11` of
// them (at most) get a last digit that fails modulus 11, as the CPR office has issued since 2007.
export function issueForDate(
  rng: Rng,
  year: number,
  month: number,
  day: number,
  count: number,
  withoutModulus11 = 0,
  taken?: (cpr: string) => boolean,
): IssuedCpr[] {
  const date = datePart(year, month, day);
  const digits = seventhDigitsFor(year);
  const size = digits.length * 100;
  for (let i = 0; i < size; i++) PREFIXES[i] = (digits[Math.floor(i / 100)] as number) * 100 + (i % 100);
  const out: IssuedCpr[] = [];
  let noMod = Math.min(withoutModulus11, count);
  // A partial Fisher-Yates shuffle: only as many prefixes are drawn as are used.
  for (let i = 0; i < size && out.length < count; i++) {
    const j = i + rng.int(size - i);
    const p = PREFIXES[j] as number;
    PREFIXES[j] = PREFIXES[i] as number;
    PREFIXES[i] = p;
    const first9 = date + (p < 10 ? '00' : p < 100 ? '0' : '') + String(p);
    const check = modulus11Digit(first9);
    if (noMod > 0) {
      // Any last digit but the modulus-11 one, of the wanted parity.
      const female = rng.chance(0.5);
      const options = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((d) => d !== check && (d % 2 === 0) === female);
      const cpr = first9 + String(rng.pick(options));
      if (taken?.(cpr)) continue;
      noMod--;
      out.push({ cpr, female, modulus11: false });
      continue;
    }
    if (check === null) continue;
    const cpr = first9 + String(check);
    if (taken?.(cpr)) continue;
    out.push({ cpr, female: check % 2 === 0, modulus11: true });
  }
  return out;
}

export function hasModulus11(cpr: string): boolean {
  return modulus11Digit(cpr.slice(0, 9)) === Number(cpr[9]);
}

export function birthDateOf(cpr: string): { year: number; month: number; day: number } {
  const yy = Number(cpr.slice(4, 6));
  const d7 = Number(cpr[6]);
  const century = d7 <= 3 ? 1900 : d7 === 4 || d7 === 9 ? (yy <= 36 ? 2000 : 1900) : yy <= 57 ? 2000 : 1800;
  return { year: century + yy, month: Number(cpr.slice(2, 4)), day: Number(cpr.slice(0, 2)) };
}
