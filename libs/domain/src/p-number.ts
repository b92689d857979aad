import { DomainErrorCode, DomainValidationError, ParseResult, tryParse } from './domain-validation.error';

export type PNumber = string & { readonly __brand: 'PNumber' };

// P number (production unit): 10 digits, checked for format only. Erhvervsstyrelsen issued a
// series with wrong weights and the corrected rule is not confirmed (formats.md §4.2, §8), so a
// checksum here would reject real P numbers.
export const PNumber = {
  parse(input: string): PNumber {
    const value = input.trim();
    if (!/^\d{10}$/.test(value)) {
      throw new DomainValidationError(DomainErrorCode.P_FORMAT, 'a P number has 10 digits');
    }
    return value as PNumber;
  },

  tryParse(input: string): ParseResult<PNumber> {
    return tryParse(() => PNumber.parse(input));
  },

  isValid(input: string): boolean {
    return PNumber.tryParse(input).ok;
  },
};
