import { Bic } from './bic';
import { DomainErrorCode, DomainValidationError, ParseResult, tryParse } from './domain-validation.error';
import { Iban } from './iban';

// Plain data: it is stored and sent in messages as it is.
export interface ForeignAccount {
  readonly kind: 'FOREIGN';
  readonly iban: string | null;
  readonly accountNo: string | null;
  readonly bankCode: string | null;
  readonly bic: Bic | null;
  // ISO 3166 alpha-2 and ISO 4217, upper case (format only: no code list is kept here).
  readonly country: string;
  readonly currency: string;
  readonly bankName: string | null;
}

export interface ForeignAccountInput {
  readonly iban?: string | null;
  readonly accountNo?: string | null;
  readonly bankCode?: string | null;
  readonly bic?: string | null;
  readonly country: string;
  readonly currency: string;
  readonly bankName?: string | null;
}

const ACCOUNT_NO = /^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,32}[A-Za-z0-9])?$/;
const BANK_CODE = /^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,33}[A-Za-z0-9])?$/;
const CONTROL = /\p{Cc}/u;

const fail = (code: DomainErrorCode, message: string): never => {
  throw new DomainValidationError(code, message);
};

const present = (value: string | null | undefined): string | null => value?.trim() || null;

// A foreign NemKonto is registered as IBAN (+ BIC where the country needs one), or as account
// number + bank code/routing number (+ BIC), with country, currency and bank name
// (nemkonto-domain.md §2.4). The BIC is therefore optional: SEPA IBANs route without one.
export function parseForeignAccount(input: ForeignAccountInput): ForeignAccount {
  const country = input.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country))
    fail(DomainErrorCode.COUNTRY_FORMAT, 'country must be an ISO 3166 alpha-2 code');
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    fail(DomainErrorCode.CURRENCY_FORMAT, 'currency must be an ISO 4217 code');
  const bicText = present(input.bic);
  const bic = bicText === null ? null : Bic.parse(bicText);
  const bankName = present(input.bankName);
  if (bankName !== null && (bankName.length > 140 || CONTROL.test(bankName))) {
    fail(DomainErrorCode.BANK_NAME_FORMAT, 'the bank name must be at most 140 printable characters');
  }
  const accountNo = present(input.accountNo);
  if (accountNo !== null && !ACCOUNT_NO.test(accountNo)) {
    fail(
      DomainErrorCode.ACCOUNT_NO_FORMAT,
      'a foreign account number has 1 to 34 letters, digits, spaces or dashes',
    );
  }
  const bankCode = present(input.bankCode);
  if (bankCode !== null && !BANK_CODE.test(bankCode)) {
    fail(DomainErrorCode.BANK_CODE_FORMAT, 'a bank code has 1 to 35 letters, digits, spaces or dashes');
  }
  const ibanText = present(input.iban);
  let iban: string | null = null;
  if (ibanText !== null) {
    const parsed = Iban.parse(ibanText);
    if (parsed.country !== country) {
      fail(DomainErrorCode.IBAN_COUNTRY, 'the IBAN belongs to another country than the account');
    }
    iban = parsed.value;
  } else if (accountNo === null || (bankCode === null && bic === null)) {
    // Without an IBAN the bank must be named some other way, or the payment cannot be routed.
    fail(
      DomainErrorCode.FOREIGN_ACCOUNT_INCOMPLETE,
      'a foreign account needs an IBAN, or an account number with a bank code or a BIC',
    );
  }
  return { kind: 'FOREIGN', iban, accountNo, bankCode, bic, country, currency, bankName };
}

export const ForeignAccount = {
  parse: parseForeignAccount,

  tryParse(input: ForeignAccountInput): ParseResult<ForeignAccount> {
    return tryParse(() => parseForeignAccount(input));
  },
};
