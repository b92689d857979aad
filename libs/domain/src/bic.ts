import { isValidBIC } from 'ibantools';
import { DomainErrorCode, DomainValidationError, ParseResult, tryParse } from './domain-validation.error';

// A branded string in upper case. 8 and 11 characters are both kept as given: DANBDKKK and
// DANBDKKKXXX name the same office but are not rewritten into each other.
export type Bic = string & { readonly __brand: 'Bic' };

export const Bic = {
  // Bank (4 letters), ISO country (2 letters), location (2), optional branch (3); ibantools also
  // checks that the country exists.
  parse(input: string): Bic {
    const value = input.trim().toUpperCase();
    if (!/^[A-Z0-9]{8}(?:[A-Z0-9]{3})?$/.test(value) || !isValidBIC(value)) {
      throw new DomainValidationError(
        DomainErrorCode.BIC_FORMAT,
        'a BIC has 8 or 11 characters: bank, country, location and optional branch',
      );
    }
    return value as Bic;
  },

  tryParse(input: string): ParseResult<Bic> {
    return tryParse(() => Bic.parse(input));
  },

  isValid(input: string): boolean {
    return Bic.tryParse(input).ok;
  },

  country(bic: Bic): string {
    return bic.slice(4, 6);
  },
};

export function parseBic(input: string): Bic {
  return Bic.parse(input);
}
