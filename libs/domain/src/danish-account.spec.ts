import { DanishAccount, danishAccountFromIban, parseDanishAccount } from './danish-account';
import { DomainErrorCode } from './domain-validation.error';
import { Iban } from './iban';

describe('DanishAccount', () => {
  it('pads the account to 10 digits and composes its IBAN (DK50 0040 0440 1162 43, formats.md §3)', () => {
    const account = DanishAccount.parse('0040', '440116243');
    expect(account.regNo).toBe('0040');
    expect(account.accountNo).toBe('0440116243');
    expect(account.bban).toBe('00400440116243');
    expect(account.toIban().value).toBe('DK5000400440116243');
    expect(account.toIban()).toBeInstanceOf(Iban);
  });

  it.each([
    ['0040', '1', '0000000001'],
    ['9999', '1234567890', '1234567890'],
    [' 3001 ', ' 12345 ', '0000012345'],
    ['0000', '0', '0000000000'], // syntax only: no reg.nr table or modulus check (formats.md §3)
  ])('accepts reg.nr %j account %j as %s', (reg, acc, padded) => {
    expect(DanishAccount.parse(reg, acc).accountNo).toBe(padded);
  });

  it('round-trips every padding length through the IBAN', () => {
    for (let digits = 1; digits <= 10; digits++) {
      const account = DanishAccount.parse('1551', '7'.repeat(digits));
      expect(DanishAccount.fromIban(account.toIban()).equals(account)).toBe(true);
      expect(account.toIban().value).toHaveLength(18);
    }
  });

  it.each([
    ['040', '1234', DomainErrorCode.REG_NO_FORMAT],
    ['00400', '1234', DomainErrorCode.REG_NO_FORMAT],
    ['00a0', '1234', DomainErrorCode.REG_NO_FORMAT],
    ['', '1234', DomainErrorCode.REG_NO_FORMAT],
    ['0040', '', DomainErrorCode.ACCOUNT_NO_FORMAT],
    ['0040', '12345678901', DomainErrorCode.ACCOUNT_NO_FORMAT],
    ['0040', '12-34', DomainErrorCode.ACCOUNT_NO_FORMAT],
    ['0040', '1234 5678', DomainErrorCode.ACCOUNT_NO_FORMAT],
    ['0040', '-1234', DomainErrorCode.ACCOUNT_NO_FORMAT],
  ])('rejects reg.nr %j account %j with %s', (reg, acc, code) => {
    expect(DanishAccount.tryParse(reg, acc)).toMatchObject({ ok: false, code });
  });

  it('builds from a 14-digit BBAN and rejects anything else with BBAN_FORMAT', () => {
    expect(DanishAccount.fromBban('00400440116243').equals(DanishAccount.parse('0040', '440116243'))).toBe(
      true,
    );
    for (const bad of ['0040044011624', '004004401162430', '0040044011624x', '']) {
      expect(() => DanishAccount.fromBban(bad)).toThrow(
        expect.objectContaining({ code: DomainErrorCode.BBAN_FORMAT }),
      );
    }
  });

  it('takes a Danish IBAN, as an Iban or a string, and refuses a foreign or broken one', () => {
    const expected = DanishAccount.parse('0040', '0440116243');
    expect(DanishAccount.fromIban(Iban.parse('DK50 0040 0440 1162 43')).equals(expected)).toBe(true);
    expect(danishAccountFromIban('DK5000400440116243').equals(expected)).toBe(true);
    expect(() => DanishAccount.fromIban('DE89370400440532013000')).toThrow(
      expect.objectContaining({ code: DomainErrorCode.IBAN_COUNTRY }),
    );
    expect(() => DanishAccount.fromIban('DK5100400440116243')).toThrow(
      expect.objectContaining({ code: DomainErrorCode.IBAN_CHECKSUM }),
    );
  });

  it('serialises as plain data with the discriminating kind', () => {
    const account = parseDanishAccount('0040', '440116243');
    expect(JSON.parse(JSON.stringify(account))).toEqual({
      kind: 'DK',
      regNo: '0040',
      accountNo: '0440116243',
    });
    expect(account).toEqual({ kind: 'DK', regNo: '0040', accountNo: '0440116243' });
    expect(`${account}`).toBe('0040 0440116243');
  });

  it('compares by reg.nr and padded account number', () => {
    const a = DanishAccount.parse('0040', '440116243');
    expect(a.equals(DanishAccount.parse('0040', '0440116243'))).toBe(true);
    expect(a.equals(DanishAccount.parse('0041', '0440116243'))).toBe(false);
    expect(a.equals(DanishAccount.parse('0040', '0440116244'))).toBe(false);
  });
});
