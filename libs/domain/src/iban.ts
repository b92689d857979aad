import { electronicFormatIBAN, friendlyFormatIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import { DomainErrorCode, DomainValidationError, ParseResult, tryParse } from './domain-validation.error';

const SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/;

// ibantools reports several problems at once; keep the most basic one.
function failure(errors: readonly ValidationErrorsIBAN[]): DomainValidationError {
  if (errors.includes(ValidationErrorsIBAN.NoIBANCountry)) {
    return new DomainValidationError(
      DomainErrorCode.IBAN_COUNTRY,
      'the IBAN country code is not an IBAN country',
    );
  }
  if (errors.includes(ValidationErrorsIBAN.WrongBBANLength)) {
    return new DomainValidationError(
      DomainErrorCode.IBAN_LENGTH,
      'the IBAN has the wrong length for its country',
    );
  }
  if (errors.includes(ValidationErrorsIBAN.WrongBBANFormat)) {
    return new DomainValidationError(
      DomainErrorCode.IBAN_FORMAT,
      'the IBAN account part does not have the layout of its country',
    );
  }
  return new DomainValidationError(DomainErrorCode.IBAN_CHECKSUM, 'the IBAN fails its check digits (mod 97)');
}

// An IBAN in electronic form (no spaces, upper case), checked by ibantools for the country's
// length and layout and ISO 7064 mod 97 (formats.md §3).
export class Iban {
  private constructor(
    readonly value: string,
    // ISO 3166 alpha-2 code, the first two letters.
    readonly country: string,
  ) {}

  static parse(input: string): Iban {
    const value = electronicFormatIBAN(input.trim()) ?? '';
    if (!SHAPE.test(value)) {
      throw new DomainValidationError(
        DomainErrorCode.IBAN_FORMAT,
        'an IBAN is a country code, 2 check digits and up to 30 letters or digits',
      );
    }
    const result = validateIBAN(value);
    if (!result.valid) throw failure(result.errorCodes);
    return new Iban(value, value.slice(0, 2));
  }

  static tryParse(input: string): ParseResult<Iban> {
    return tryParse(() => Iban.parse(input));
  }

  static isValid(input: string): boolean {
    return Iban.tryParse(input).ok;
  }

  get bban(): string {
    return this.value.slice(4);
  }

  // Grouped by four, for letters and screens.
  friendlyFormat(): string {
    return friendlyFormatIBAN(this.value) ?? this.value;
  }

  // A DK IBAN's BBAN is the 4-digit reg.nr and the 10-digit account number.
  danishParts(): { readonly regNo: string; readonly accountNo: string } {
    if (this.country !== 'DK') {
      throw new DomainValidationError(DomainErrorCode.IBAN_COUNTRY, 'not a Danish (DK) IBAN');
    }
    return { regNo: this.bban.slice(0, 4), accountNo: this.bban.slice(4) };
  }

  equals(other: Iban): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }
}

export function parseIban(input: string): Iban {
  return Iban.parse(input);
}
