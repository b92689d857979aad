import { DomainErrorCode } from './domain-validation.error';
import { Iban, parseIban } from './iban';

describe('Iban', () => {
  it.each([
    ['DK5000400440116243', 'DK5000400440116243', 'DK'], // formats.md §3
    ['DK50 0040 0440 1162 43', 'DK5000400440116243', 'DK'],
    [' dk50-0040-0440-1162-43 ', 'DK5000400440116243', 'DK'],
    ['de89 3704 0044 0532 0130 00', 'DE89370400440532013000', 'DE'],
    ['GB82WEST12345698765432', 'GB82WEST12345698765432', 'GB'],
    ['NO9386011117947', 'NO9386011117947', 'NO'], // 15 characters, the shortest in use here
  ])('accepts %j as %s from %s', (input, value, country) => {
    const iban = Iban.parse(input);
    expect(iban.value).toBe(value);
    expect(iban.country).toBe(country);
    expect(Iban.isValid(input)).toBe(true);
  });

  it.each([
    ['DK5100400440116243', DomainErrorCode.IBAN_CHECKSUM], // check digits off by one
    ['DK5000400440116234', DomainErrorCode.IBAN_CHECKSUM], // two digits swapped
    ['DE89370400440532013001', DomainErrorCode.IBAN_CHECKSUM],
    ['BE71096123456760', DomainErrorCode.IBAN_CHECKSUM], // Belgian national check digits too
    ['DK500040044011624', DomainErrorCode.IBAN_LENGTH], // 17 characters, DK needs 18
    ['DK50004004401162430', DomainErrorCode.IBAN_LENGTH],
    ['XX5000400440116243', DomainErrorCode.IBAN_COUNTRY],
    ['DK50004004401162AB', DomainErrorCode.IBAN_FORMAT], // letters where DK has digits
    ['DK5O00400440116243', DomainErrorCode.IBAN_FORMAT], // letter O in the check digits
    ['DK50.0040.0440.1162.43', DomainErrorCode.IBAN_FORMAT],
    ['hello', DomainErrorCode.IBAN_FORMAT],
    ['', DomainErrorCode.IBAN_FORMAT],
    ['00400440116243', DomainErrorCode.IBAN_FORMAT],
  ])('rejects %j with %s', (input, code) => {
    expect(Iban.tryParse(input)).toMatchObject({ ok: false, code });
  });

  it('splits a Danish IBAN into reg.nr and account number', () => {
    const iban = Iban.parse('DK5000400440116243');
    expect(iban.bban).toBe('00400440116243');
    expect(iban.danishParts()).toEqual({ regNo: '0040', accountNo: '0440116243' });
  });

  it('refuses Danish parts of a foreign IBAN', () => {
    expect(() => Iban.parse('DE89370400440532013000').danishParts()).toThrow(
      expect.objectContaining({ code: DomainErrorCode.IBAN_COUNTRY }),
    );
  });

  it('prints, serialises and compares as the electronic form', () => {
    const iban = Iban.parse('dk50 0040 0440 1162 43');
    expect(`${iban}`).toBe('DK5000400440116243');
    expect(JSON.stringify({ iban })).toBe('{"iban":"DK5000400440116243"}');
    expect(iban.friendlyFormat()).toBe('DK50 0040 0440 1162 43');
    expect(iban.equals(parseIban('DK5000400440116243'))).toBe(true);
    expect(iban.equals(parseIban('DE89370400440532013000'))).toBe(false);
  });
});
