import { DomainErrorCode, DomainValidationError } from './domain-validation.error';
import { isValidDate } from './local-date';

const CPR = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;
const WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

// Century from the 7th digit and the two-digit year (cpr.dk; formats.md §4.1).
function century(seventh: number, yy: number): number {
  if (seventh <= 3) return 1900;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

// A Danish personal identification number. Modulus 11 is information only: CPR numbers without
// it have been issued since 1 October 2007 and are fully valid. The clear number is reachable
// only through `value`; toString/toJSON give the masked form so it cannot leak into logs.
export class Cpr {
  private constructor(
    readonly value: string,
    readonly birthDate: string,
  ) {}

  static parse(input: string): Cpr {
    const m = CPR.exec(input.trim());
    if (!m)
      throw new DomainValidationError(DomainErrorCode.CPR_FORMAT, 'a CPR number has 10 digits: DDMMYY-SSSS');
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

  get hasModulus11(): boolean {
    return [...this.value].reduce((sum, d, i) => sum + Number(d) * (WEIGHTS[i] ?? 0), 0) % 11 === 0;
  }

  get sex(): 'female' | 'male' {
    return Number(this.value[9]) % 2 === 0 ? 'female' : 'male';
  }

  masked(): string {
    return `${this.value.slice(0, 6)}-****`;
  }

  toString(): string {
    return this.masked();
  }

  toJSON(): string {
    return this.masked();
  }
}
