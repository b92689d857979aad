import { composeIBAN, electronicFormatIBAN, extractIBAN, isValidBIC, validateIBAN } from 'ibantools';
import { DomainErrorCode, DomainValidationError } from './domain-validation.error';

export interface DanishAccount {
  readonly kind: 'DK';
  readonly regNo: string;
  // Zero-padded to 10 digits, as in the BBAN.
  readonly accountNo: string;
}

// Reg.nr (4 digits) + account (up to 10 digits). No modulus check: the bank-specific methods are
// not public and a naive check rejects over half of real accounts (formats.md §3). The bank's
// answer (BANSTA/pain.002) is the authority on whether an account exists.
export function parseDanishAccount(regNo: string, accountNo: string): DanishAccount {
  if (!/^\d{4}$/.test(regNo.trim()))
    throw new DomainValidationError(DomainErrorCode.REG_NO_FORMAT, 'a reg.nr has 4 digits');
  if (!/^\d{1,10}$/.test(accountNo.trim())) {
    throw new DomainValidationError(
      DomainErrorCode.ACCOUNT_NO_FORMAT,
      'a Danish account number has 1 to 10 digits',
    );
  }
  return { kind: 'DK', regNo: regNo.trim(), accountNo: accountNo.trim().padStart(10, '0') };
}

export function danishAccountToIban(account: DanishAccount): string {
  const iban = composeIBAN({ countryCode: 'DK', bban: `${account.regNo}${account.accountNo}` });
  if (!iban)
    throw new DomainValidationError(
      DomainErrorCode.IBAN_FORMAT,
      'cannot compose a DK IBAN from this account',
    );
  return iban;
}

export interface Iban {
  readonly value: string;
  readonly country: string;
}

export function parseIban(input: string): Iban {
  const value = electronicFormatIBAN(input) ?? '';
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$/.test(value)) {
    throw new DomainValidationError(
      DomainErrorCode.IBAN_FORMAT,
      'an IBAN is a country code, 2 check digits and up to 30 letters or digits',
    );
  }
  const result = validateIBAN(value);
  if (!result.valid) {
    throw new DomainValidationError(
      DomainErrorCode.IBAN_CHECKSUM,
      'the IBAN fails its length or mod-97 check for its country',
    );
  }
  return { value, country: value.slice(0, 2) };
}

export function danishAccountFromIban(iban: Iban): DanishAccount {
  const bban = extractIBAN(iban.value).bban;
  if (iban.country !== 'DK' || !bban) {
    throw new DomainValidationError(DomainErrorCode.IBAN_FORMAT, 'not a Danish IBAN');
  }
  return parseDanishAccount(bban.slice(0, 4), bban.slice(4));
}

export function parseBic(input: string): string {
  const value = input.trim().toUpperCase();
  if (!isValidBIC(value))
    throw new DomainValidationError(
      DomainErrorCode.BIC_FORMAT,
      'a BIC has 8 or 11 characters (bank, country, location, branch)',
    );
  return value;
}

export interface ForeignAccount {
  readonly kind: 'FOREIGN';
  readonly iban: string | null;
  readonly accountNo: string | null;
  readonly bankCode: string | null;
  readonly bic: string | null;
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

// A foreign NemKonto: IBAN (+ BIC where the country needs it), or account number + bank code +
// BIC, with country, currency and bank name (nemkonto-domain.md §2.4).
export function parseForeignAccount(input: ForeignAccountInput): ForeignAccount {
  const country = input.country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country))
    throw new DomainValidationError(
      DomainErrorCode.COUNTRY_FORMAT,
      'country must be an ISO 3166 alpha-2 code',
    );
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency))
    throw new DomainValidationError(DomainErrorCode.CURRENCY_FORMAT, 'currency must be an ISO 4217 code');
  const bic = input.bic ? parseBic(input.bic) : null;
  if (input.iban) {
    const iban = parseIban(input.iban);
    if (iban.country !== country) {
      throw new DomainValidationError(
        DomainErrorCode.IBAN_FORMAT,
        `the IBAN is from ${iban.country}, not ${country}`,
      );
    }
    return {
      kind: 'FOREIGN',
      iban: iban.value,
      accountNo: null,
      bankCode: null,
      bic,
      country,
      currency,
      bankName: input.bankName ?? null,
    };
  }
  const accountNo = input.accountNo?.trim();
  if (!accountNo || !/^[A-Za-z0-9 -]{1,34}$/.test(accountNo) || !bic) {
    throw new DomainValidationError(
      DomainErrorCode.FOREIGN_ACCOUNT_INCOMPLETE,
      'a foreign account needs an IBAN, or an account number (up to 34 characters) with a BIC',
    );
  }
  return {
    kind: 'FOREIGN',
    iban: null,
    accountNo,
    bankCode: input.bankCode?.trim() || null,
    bic,
    country,
    currency,
    bankName: input.bankName ?? null,
  };
}
