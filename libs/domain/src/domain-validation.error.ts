export enum DomainErrorCode {
  CPR_FORMAT = 'CPR_FORMAT',
  CPR_DATE = 'CPR_DATE',
  CVR_FORMAT = 'CVR_FORMAT',
  CVR_CHECKSUM = 'CVR_CHECKSUM',
  SE_FORMAT = 'SE_FORMAT',
  P_FORMAT = 'P_FORMAT',
  REG_NO_FORMAT = 'REG_NO_FORMAT',
  ACCOUNT_NO_FORMAT = 'ACCOUNT_NO_FORMAT',
  IBAN_FORMAT = 'IBAN_FORMAT',
  IBAN_CHECKSUM = 'IBAN_CHECKSUM',
  BIC_FORMAT = 'BIC_FORMAT',
  COUNTRY_FORMAT = 'COUNTRY_FORMAT',
  CURRENCY_FORMAT = 'CURRENCY_FORMAT',
  FOREIGN_ACCOUNT_INCOMPLETE = 'FOREIGN_ACCOUNT_INCOMPLETE',
  AMOUNT_FORMAT = 'AMOUNT_FORMAT',
  AMOUNT_DECIMALS = 'AMOUNT_DECIMALS',
  AMOUNT_NOT_POSITIVE = 'AMOUNT_NOT_POSITIVE',
  AMOUNT_TOO_LARGE = 'AMOUNT_TOO_LARGE',
  DATE_FORMAT = 'DATE_FORMAT',
}

// Thrown when a value type is built from bad input; the code lets callers reject one payment or
// one request with a specific reason.
export class DomainValidationError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainValidationError';
  }
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: DomainErrorCode; readonly message: string };

export function tryParse<T>(build: () => T): Parsed<T> {
  try {
    return { ok: true, value: build() };
  } catch (err) {
    if (err instanceof DomainValidationError) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
}
