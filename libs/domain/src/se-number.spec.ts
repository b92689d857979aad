import { DomainErrorCode } from './domain-validation.error';
import { SeNumber } from './se-number';

describe('SeNumber', () => {
  // No checksum: 12345678 fails the CVR modulus 11 and must still be accepted.
  it.each(['12345678', '13748136', '01234567', ' 87654321 '])('accepts %j by format', (input) => {
    expect(SeNumber.parse(input)).toBe(input.trim());
    expect(SeNumber.isValid(input)).toBe(true);
  });

  it.each(['1234567', '123456789', '1234567a', '1234 5678', '', '12-345678'])(
    'rejects %j with SE_FORMAT',
    (input) => {
      expect(SeNumber.tryParse(input)).toMatchObject({ ok: false, code: DomainErrorCode.SE_FORMAT });
    },
  );
});
