import {
  danishAccountFromIban,
  danishAccountToIban,
  parseBic,
  parseDanishAccount,
  parseForeignAccount,
  parseIban,
} from './accounts';
import { DomainErrorCode, tryParse } from './domain-validation.error';

describe('accounts', () => {
  it('pads a Danish account to 10 digits and composes its IBAN (DK50 0040 0440 1162 43)', () => {
    const account = parseDanishAccount('0040', '440116243');
    expect(account).toEqual({ kind: 'DK', regNo: '0040', accountNo: '0440116243' });
    expect(danishAccountToIban(account)).toBe('DK5000400440116243');
    expect(danishAccountFromIban(parseIban('DK50 0040 0440 1162 43'))).toEqual(account);
  });

  it.each([
    ['040', '1234', DomainErrorCode.REG_NO_FORMAT],
    ['00400', '1234', DomainErrorCode.REG_NO_FORMAT],
    ['0040', '', DomainErrorCode.ACCOUNT_NO_FORMAT],
    ['0040', '12345678901', DomainErrorCode.ACCOUNT_NO_FORMAT],
    ['0040', '12-34', DomainErrorCode.ACCOUNT_NO_FORMAT],
  ])('rejects reg.nr %s account %s', (reg, acc, code) => {
    expect(tryParse(() => parseDanishAccount(reg, acc))).toMatchObject({ ok: false, code });
  });

  it('validates IBANs by mod 97 and country length', () => {
    expect(parseIban('de89 3704 0044 0532 0130 00')).toEqual({
      value: 'DE89370400440532013000',
      country: 'DE',
    });
    expect(tryParse(() => parseIban('DE89370400440532013001'))).toMatchObject({
      code: DomainErrorCode.IBAN_CHECKSUM,
    });
    expect(tryParse(() => parseIban('DK500040044011624'))).toMatchObject({
      code: DomainErrorCode.IBAN_CHECKSUM,
    });
    expect(tryParse(() => parseIban('hello'))).toMatchObject({ code: DomainErrorCode.IBAN_FORMAT });
  });

  it('validates BICs of 8 and 11 characters', () => {
    expect(parseBic('danbdkkk')).toBe('DANBDKKK');
    expect(parseBic('COBADEFFXXX')).toBe('COBADEFFXXX');
    for (const bad of ['DANBDK', 'DANBDKKKX', '1ANBDKKK']) {
      expect(tryParse(() => parseBic(bad))).toMatchObject({ code: DomainErrorCode.BIC_FORMAT });
    }
  });

  it('takes a foreign account as IBAN or as account number with BIC, with country and currency', () => {
    expect(
      parseForeignAccount({
        iban: 'DE89370400440532013000',
        country: 'de',
        currency: 'eur',
        bic: 'COBADEFFXXX',
      }),
    ).toMatchObject({
      kind: 'FOREIGN',
      iban: 'DE89370400440532013000',
      country: 'DE',
      currency: 'EUR',
    });
    expect(
      parseForeignAccount({
        accountNo: '123456789',
        bankCode: '021000021',
        bic: 'CHASUS33',
        country: 'US',
        currency: 'USD',
      }),
    ).toMatchObject({
      accountNo: '123456789',
      bankCode: '021000021',
    });
    expect(
      tryParse(() => parseForeignAccount({ accountNo: '123', country: 'US', currency: 'USD' })),
    ).toMatchObject({
      code: DomainErrorCode.FOREIGN_ACCOUNT_INCOMPLETE,
    });
    expect(
      tryParse(() => parseForeignAccount({ iban: 'DE89370400440532013000', country: 'SE', currency: 'SEK' })),
    ).toMatchObject({
      code: DomainErrorCode.IBAN_FORMAT,
    });
    expect(
      tryParse(() =>
        parseForeignAccount({ iban: 'DE89370400440532013000', country: 'DE', currency: 'EURO' }),
      ),
    ).toMatchObject({
      code: DomainErrorCode.CURRENCY_FORMAT,
    });
  });
});
