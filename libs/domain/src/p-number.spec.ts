import { DomainErrorCode } from './domain-validation.error';
import { PNumber } from './p-number';

describe('PNumber', () => {
  it.each(['1234567890', '0000000001', ' 1003388394 '])('accepts %j by format', (input) => {
    expect(PNumber.parse(input)).toBe(input.trim());
    expect(PNumber.isValid(input)).toBe(true);
  });

  it.each(['123456789', '12345678901', '123456789x', '12345-67890', ''])(
    'rejects %j with P_FORMAT',
    (input) => {
      expect(PNumber.tryParse(input)).toMatchObject({ ok: false, code: DomainErrorCode.P_FORMAT });
    },
  );
});
