import { DomainErrorCode } from './domain-validation.error';
import { ForeignAccount, ForeignAccountInput, parseForeignAccount } from './foreign-account';

const german: ForeignAccountInput = {
  iban: 'de89 3704 0044 0532 0130 00',
  bic: 'cobadeffxxx',
  country: 'de',
  currency: 'eur',
  bankName: ' Commerzbank ',
};

describe('ForeignAccount', () => {
  it('takes an IBAN with a BIC, normalising case and spacing', () => {
    expect(parseForeignAccount(german)).toEqual({
      kind: 'FOREIGN',
      iban: 'DE89370400440532013000',
      accountNo: null,
      bankCode: null,
      bic: 'COBADEFFXXX',
      country: 'DE',
      currency: 'EUR',
      bankName: 'Commerzbank',
    });
  });

  it('takes an IBAN without a BIC (SEPA routes by IBAN)', () => {
    expect(
      parseForeignAccount({ iban: 'DE89370400440532013000', bic: null, country: 'DE', currency: 'EUR' }),
    ).toMatchObject({ iban: 'DE89370400440532013000', bic: null, bankName: null });
  });

  it.each<[Partial<ForeignAccountInput>]>([
    [{ accountNo: '123456789', bankCode: '021000021', bic: 'CHASUS33' }], // US: account + routing + SWIFT
    [{ accountNo: '123456789', bankCode: '021000021' }], // account + routing number
    [{ accountNo: '123456789', bic: 'CHASUS33' }], // account + SWIFT
  ])('takes an account number with a way to reach the bank: %j', (fields) => {
    const account = parseForeignAccount({
      ...fields,
      country: 'US',
      currency: 'USD',
      bankName: 'JPMorgan Chase',
    });
    expect(account).toMatchObject({ kind: 'FOREIGN', iban: null, accountNo: '123456789', country: 'US' });
    expect(account.bankCode).toBe(fields.bankCode ?? null);
    expect(account.bic).toBe(fields.bic ?? null);
  });

  it.each<[string, Partial<ForeignAccountInput>, DomainErrorCode]>([
    ['no IBAN and no account', { iban: null }, DomainErrorCode.FOREIGN_ACCOUNT_INCOMPLETE],
    ['blank IBAN', { iban: '  ', bic: null }, DomainErrorCode.FOREIGN_ACCOUNT_INCOMPLETE],
    [
      'account without bank code or BIC',
      { iban: null, bic: null, accountNo: '123' },
      DomainErrorCode.FOREIGN_ACCOUNT_INCOMPLETE,
    ],
    [
      'bank code without account',
      { iban: null, bankCode: '021000021' },
      DomainErrorCode.FOREIGN_ACCOUNT_INCOMPLETE,
    ],
    ['bad IBAN check digits', { iban: 'DE89370400440532013001' }, DomainErrorCode.IBAN_CHECKSUM],
    ['IBAN from another country', { country: 'SE' }, DomainErrorCode.IBAN_COUNTRY],
    ['bad BIC', { bic: 'NOTABIC' }, DomainErrorCode.BIC_FORMAT],
    ['country of 3 letters', { country: 'DEU' }, DomainErrorCode.COUNTRY_FORMAT],
    ['country with a digit', { country: 'D1' }, DomainErrorCode.COUNTRY_FORMAT],
    ['currency as a word', { currency: 'EURO' }, DomainErrorCode.CURRENCY_FORMAT],
    ['currency symbol', { currency: '€' }, DomainErrorCode.CURRENCY_FORMAT],
    ['bank name too long', { bankName: 'x'.repeat(141) }, DomainErrorCode.BANK_NAME_FORMAT],
    ['bank name with a control character', { bankName: 'Bank\u0000' }, DomainErrorCode.BANK_NAME_FORMAT],
    ['account number of 35 characters', { accountNo: '1'.repeat(35) }, DomainErrorCode.ACCOUNT_NO_FORMAT],
    ['account number with a slash', { accountNo: '12/34' }, DomainErrorCode.ACCOUNT_NO_FORMAT],
    ['bank code with a dot', { bankCode: '02.1' }, DomainErrorCode.BANK_CODE_FORMAT],
  ])('rejects %s', (_, overrides, code) => {
    expect(ForeignAccount.tryParse({ ...german, ...overrides })).toMatchObject({ ok: false, code });
  });

  it('keeps 140 characters of bank name and 34 of account number', () => {
    const account = ForeignAccount.parse({ ...german, bankName: 'x'.repeat(140), accountNo: '1'.repeat(34) });
    expect(account.bankName).toHaveLength(140);
    expect(account.accountNo).toHaveLength(34);
  });
});
