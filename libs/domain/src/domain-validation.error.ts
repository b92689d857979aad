// Stable codes: callers map them to rejection reasons and answer codes, so never rename one.
export enum DomainErrorCode {
  CPR_FORMAT = 'CPR_FORMAT',
  CPR_DATE = 'CPR_DATE',
  CVR_FORMAT = 'CVR_FORMAT',
  CVR_CHECKSUM = 'CVR_CHECKSUM',
  SE_FORMAT = 'SE_FORMAT',
  P_FORMAT = 'P_FORMAT',
  PARTY_KIND = 'PARTY_KIND',
  REG_NO_FORMAT = 'REG_NO_FORMAT',
  ACCOUNT_NO_FORMAT = 'ACCOUNT_NO_FORMAT',
  BBAN_FORMAT = 'BBAN_FORMAT',
  IBAN_FORMAT = 'IBAN_FORMAT',
  IBAN_COUNTRY = 'IBAN_COUNTRY',
  IBAN_LENGTH = 'IBAN_LENGTH',
  IBAN_CHECKSUM = 'IBAN_CHECKSUM',
  BIC_FORMAT = 'BIC_FORMAT',
  COUNTRY_FORMAT = 'COUNTRY_FORMAT',
  CURRENCY_FORMAT = 'CURRENCY_FORMAT',
  BANK_CODE_FORMAT = 'BANK_CODE_FORMAT',
  BANK_NAME_FORMAT = 'BANK_NAME_FORMAT',
  FOREIGN_ACCOUNT_INCOMPLETE = 'FOREIGN_ACCOUNT_INCOMPLETE',
  AMOUNT_FORMAT = 'AMOUNT_FORMAT',
  AMOUNT_DECIMALS = 'AMOUNT_DECIMALS',
  AMOUNT_NEGATIVE = 'AMOUNT_NEGATIVE',
  AMOUNT_NOT_POSITIVE = 'AMOUNT_NOT_POSITIVE',
  AMOUNT_TOO_LARGE = 'AMOUNT_TOO_LARGE',
  DATE_FORMAT = 'DATE_FORMAT',
}

// Thrown when a value type is built from bad input. Messages name the rule and never echo the
// input, so a CPR number cannot end up in a rejection reason or a log line.
export class DomainValidationError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainValidationError';
  }
}

export type ParseResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: DomainErrorCode; readonly message: string };

// The non-throwing form, so a caller can reject one payment with its reason and go on.
// Anything that is not a DomainValidationError is a bug and is rethrown.
export function tryParse<T>(build: () => T): ParseResult<T> {
  try {
    return { ok: true, value: build() };
  } catch (err) {
    if (err instanceof DomainValidationError) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
}
