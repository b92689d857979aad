import { DomainErrorCode, DomainValidationError, ParseResult, tryParse } from './domain-validation.error';

// A branded string: it travels in messages and columns as the plain 8 digits.
export type Cvr = string & { readonly __brand: 'Cvr' };

const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

// CVR: 8 digits, not starting with 0, weighted sum ≡ 0 (mod 11) (erhvervsstyrelsen.dk/modulus_11,
// formats.md §4.2). Unlike CPR, modulus 11 is a hard rule for CVR.
export const Cvr = {
  parse(input: string): Cvr {
    const value = input.trim();
    if (!/^[1-9]\d{7}$/.test(value)) {
      throw new DomainValidationError(
        DomainErrorCode.CVR_FORMAT,
        'a CVR number has 8 digits and does not start with 0',
      );
    }
    const sum = [...value].reduce((s, d, i) => s + Number(d) * (WEIGHTS[i] ?? 0), 0);
    if (sum % 11 !== 0) {
      throw new DomainValidationError(
        DomainErrorCode.CVR_CHECKSUM,
        'the CVR number fails its modulus 11 check',
      );
    }
    return value as Cvr;
  },

  tryParse(input: string): ParseResult<Cvr> {
    return tryParse(() => Cvr.parse(input));
  },

  isValid(input: string): boolean {
    return Cvr.tryParse(input).ok;
  },
};
