import { DomainErrorCode, DomainValidationError, ParseResult, tryParse } from './domain-validation.error';
import { isValidDate } from './local-date';

const CPR = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;
const WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export type Sex = 'female' | 'male';

// Century from the 7th digit and the two-digit year (formats.md §4.1, cpr.dk).
function century(seventhDigit: number, yy: number): number {
  if (seventhDigit <= 3) return 1900;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

// A Danish personal identification number (DDMMYY-SSSS). Modulus 11 is information only:
// numbers without it have been issued since 1 October 2007 and must not be rejected (cpr.dk).
// The clear number is reachable only through `value`; toString, toJSON and util.inspect give
// the masked form, so it cannot leak into logs or error reports by accident.
export class Cpr {
  readonly #value: string;
  readonly #birthDate: string;

  private constructor(value: string, birthDate: string) {
    this.#value = value;
    this.#birthDate = birthDate;
  }

  static parse(input: string): Cpr {
    const m = CPR.exec(input.trim());
    if (!m) {
      throw new DomainValidationError(
        DomainErrorCode.CPR_FORMAT,
        'a CPR number has 10 digits, written DDMMYYSSSS or DDMMYY-SSSS',
      );
    }
    const [, dd, mm, yy, serial] = m as unknown as [string, string, string, string, string];
    const year = century(Number(serial[0]), Number(yy)) + Number(yy);
    if (!isValidDate(year, Number(mm), Number(dd))) {
      throw new DomainValidationError(
        DomainErrorCode.CPR_DATE,
        'the first six digits of a CPR number must be a real birth date',
      );
    }
    return new Cpr(`${dd}${mm}${yy}${serial}`, `${year}-${mm}-${dd}`);
  }

  static tryParse(input: string): ParseResult<Cpr> {
    return tryParse(() => Cpr.parse(input));
  }

  static isValid(input: string): boolean {
    return Cpr.tryParse(input).ok;
  }

  // The clear 10 digits, without a dash. Use it only where the number itself is needed.
  get value(): string {
    return this.#value;
  }

  // ISO date (YYYY-MM-DD) with the century resolved.
  get birthDate(): string {
    return this.#birthDate;
  }

  get hasModulus11(): boolean {
    const sum = [...this.#value].reduce((s, d, i) => s + Number(d) * (WEIGHTS[i] ?? 0), 0);
    return sum % 11 === 0;
  }

  // The last digit is even for women and odd for men.
  get sex(): Sex {
    return Number(this.#value[9]) % 2 === 0 ? 'female' : 'male';
  }

  equals(other: Cpr): boolean {
    return this.#value === other.#value;
  }

  masked(): string {
    return `${this.#value.slice(0, 6)}-****`;
  }

  toString(): string {
    return this.masked();
  }

  toJSON(): string {
    return this.masked();
  }

  [INSPECT](): string {
    return `Cpr(${this.masked()})`;
  }
}
