// Why one payment of a bundle was refused at reception (return answer 2); the rest of the bundle
// goes on.
export enum PaymentRejectionCode {
  END_TO_END_ID_INVALID = 'END_TO_END_ID_INVALID',
  END_TO_END_ID_DUPLICATE = 'END_TO_END_ID_DUPLICATE',
  AMOUNT_INVALID = 'AMOUNT_INVALID',
  AMOUNT_NOT_POSITIVE = 'AMOUNT_NOT_POSITIVE',
  AMOUNT_TOO_MANY_DECIMALS = 'AMOUNT_TOO_MANY_DECIMALS',
  CURRENCY_NOT_DKK = 'CURRENCY_NOT_DKK',
  CREDITOR_SCHEME_UNKNOWN = 'CREDITOR_SCHEME_UNKNOWN',
  CREDITOR_ID_INVALID = 'CREDITOR_ID_INVALID',
  CREDITOR_ACCOUNT_INVALID = 'CREDITOR_ACCOUNT_INVALID',
  BENEFIT_TYPE_INVALID = 'BENEFIT_TYPE_INVALID',
  ADVICE_TEXT_INVALID = 'ADVICE_TEXT_INVALID',
}

export interface PaymentRejection {
  readonly code: PaymentRejectionCode;
  readonly reason: string;
}

// Why a whole bundle was refused (return answer 1 "rejected").
export enum BundleRejectionCode {
  COUNT_MISMATCH = 'COUNT_MISMATCH',
  CONTROL_SUM_MISMATCH = 'CONTROL_SUM_MISMATCH',
  DEBIT_ACCOUNT_INVALID = 'DEBIT_ACCOUNT_INVALID',
  EXECUTION_DATE_INVALID = 'EXECUTION_DATE_INVALID',
  EXECUTION_DATE_TOO_FAR = 'EXECUTION_DATE_TOO_FAR',
  UNKNOWN_AUTHORITY = 'UNKNOWN_AUTHORITY',
  UNKNOWN_DEBIT_ACCOUNT = 'UNKNOWN_DEBIT_ACCOUNT',
  BUNDLE_ID_REUSED = 'BUNDLE_ID_REUSED',
}

export interface BundleRejection {
  readonly code: BundleRejectionCode;
  readonly reason: string;
}
