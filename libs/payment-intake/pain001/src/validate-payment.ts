import {
  DanishAccount,
  DomainErrorCode,
  ForeignAccount,
  DomainValidationError,
  PartyId,
  PartyKind,
  danishAccountFromIban,
  parseBic,
  parseDanishAccount,
  parseForeignAccount,
  parseIban,
  parsePartyId,
  positiveAmountFromDecimal,
} from '@nemkonto/domain';
import { RawTransaction } from './pain001.model';
import { PaymentRejection, PaymentRejectionCode } from './payment-rejection';

export type CreditorAccount = DanishAccount | ForeignAccount;

export interface ValidPayment {
  readonly index: number;
  readonly endToEndId: string;
  readonly amountOre: number;
  readonly creditor: PartyId;
  // Present = complete payment: the authority supplied the account.
  readonly creditorAccount: CreditorAccount | null;
  readonly benefitType: string;
  readonly adviceText: string | null;
}

export type PaymentCheck =
  { readonly ok: true; readonly payment: ValidPayment } | ({ readonly ok: false } & PaymentRejection);

const SCHEMES: readonly PartyKind[] = ['CPR', 'CVR', 'SE', 'P'];
// ISO 20022 Max35Text, restricted to what banks echo safely in RFF+CR and pain.002.
const END_TO_END_ID = /^[A-Za-z0-9/\-?:().,'+ ]{1,35}$/;
const BENEFIT_TYPE = /^[A-Z0-9_]{1,35}$/;

const reject = (code: PaymentRejectionCode, reason: string): PaymentCheck => ({ ok: false, code, reason });

// Reception check of one payment (the answer-2 rules). Never throws for bad input.
export function validatePayment(raw: RawTransaction): PaymentCheck {
  if (!END_TO_END_ID.test(raw.endToEndId)) {
    return reject(
      PaymentRejectionCode.END_TO_END_ID_INVALID,
      'EndToEndId must be 1-35 characters of the SWIFT character set',
    );
  }
  if (raw.currency !== 'DKK')
    return reject(
      PaymentRejectionCode.CURRENCY_NOT_DKK,
      `currency must be DKK, got "${raw.currency.slice(0, 10)}"`,
    );
  let amountOre: number;
  if (/^\s*-\d+(\.\d+)?\s*$/.test(raw.amount))
    return reject(PaymentRejectionCode.AMOUNT_NOT_POSITIVE, 'the amount must be greater than 0');
  try {
    amountOre = positiveAmountFromDecimal(raw.amount);
  } catch (err) {
    const code = (err as DomainValidationError).code;
    if (code === DomainErrorCode.AMOUNT_DECIMALS)
      return reject(PaymentRejectionCode.AMOUNT_TOO_MANY_DECIMALS, 'the amount has more than 2 decimals');
    if (code === DomainErrorCode.AMOUNT_NOT_POSITIVE)
      return reject(PaymentRejectionCode.AMOUNT_NOT_POSITIVE, 'the amount must be greater than 0');
    return reject(PaymentRejectionCode.AMOUNT_INVALID, `"${raw.amount.slice(0, 40)}" is not an amount`);
  }
  if (!SCHEMES.includes(raw.creditorIdScheme as PartyKind)) {
    return reject(
      PaymentRejectionCode.CREDITOR_SCHEME_UNKNOWN,
      'the creditor scheme must be CPR, CVR, SE or P',
    );
  }
  let creditor: PartyId;
  try {
    creditor = parsePartyId(raw.creditorIdScheme as PartyKind, raw.creditorId);
  } catch (err) {
    // The message names the rule, never the number itself.
    return reject(
      PaymentRejectionCode.CREDITOR_ID_INVALID,
      `invalid ${raw.creditorIdScheme} number: ${(err as Error).message}`,
    );
  }
  if (!BENEFIT_TYPE.test(raw.benefitType)) {
    return reject(
      PaymentRejectionCode.BENEFIT_TYPE_INVALID,
      'the benefit type (Purp/Prtry) must be 1-35 of A-Z, 0-9 and _',
    );
  }
  const account = creditorAccount(raw);
  if ('reason' in account) return reject(PaymentRejectionCode.CREDITOR_ACCOUNT_INVALID, account.reason);
  if (raw.adviceText !== null && (raw.adviceText.length > 140 || hasControlCharacters(raw.adviceText))) {
    return reject(
      PaymentRejectionCode.ADVICE_TEXT_INVALID,
      'the advice text must be at most 140 printable characters',
    );
  }
  return {
    ok: true,
    payment: {
      index: raw.index,
      endToEndId: raw.endToEndId,
      amountOre,
      creditor,
      creditorAccount: account.account,
      benefitType: raw.benefitType,
      adviceText: raw.adviceText,
    },
  };
}

function creditorAccount(raw: RawTransaction): { account: CreditorAccount | null } | { reason: string } {
  try {
    if (raw.creditorAccountOther !== null) {
      if (!/^\d{14}$/.test(raw.creditorAccountOther))
        return { reason: 'CdtrAcct/Id/Othr/Id must be reg.nr + account, 14 digits' };
      return {
        account: parseDanishAccount(raw.creditorAccountOther.slice(0, 4), raw.creditorAccountOther.slice(4)),
      };
    }
    if (raw.creditorAccountIban !== null) {
      const iban = parseIban(raw.creditorAccountIban);
      if (iban.country === 'DK') return { account: danishAccountFromIban(iban) };
      const bic = raw.creditorAgentBic ? parseBic(raw.creditorAgentBic) : null;
      return {
        account: parseForeignAccount({ iban: iban.value, bic, country: iban.country, currency: 'DKK' }),
      };
    }
    return { account: null };
  } catch (err) {
    return { reason: `creditor account: ${(err as Error).message}` };
  }
}

function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}
