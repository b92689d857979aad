import { DomainErrorCode, DomainValidationError, ParseResult, tryParse } from './domain-validation.error';

export type SeNumber = string & { readonly __brand: 'SeNumber' };

// SE number: 8 digits, checked for format only. It probably shares the CVR modulus 11, but no
// primary source confirms it (formats.md §4.2, §8), and a wrong checksum would reject real
// companies' payments.
export const SeNumber = {
  parse(input: string): SeNumber {
    const value = input.trim();
    if (!/^\d{8}$/.test(value)) {
      throw new DomainValidationError(DomainErrorCode.SE_FORMAT, 'an SE number has 8 digits');
    }
    return value as SeNumber;
  },

  tryParse(input: string): ParseResult<SeNumber> {
    return tryParse(() => SeNumber.parse(input));
  },

  isValid(input: string): boolean {
    return SeNumber.tryParse(input).ok;
  },
};
