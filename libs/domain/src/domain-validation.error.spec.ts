import { DomainErrorCode, DomainValidationError, tryParse } from './domain-validation.error';

describe('DomainValidationError', () => {
  it('carries its code, message and name and is an Error', () => {
    const err = new DomainValidationError(DomainErrorCode.CVR_CHECKSUM, 'the CVR fails modulus 11');
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe(DomainErrorCode.CVR_CHECKSUM);
    expect(err.message).toBe('the CVR fails modulus 11');
    expect(err.name).toBe('DomainValidationError');
  });

  it('uses each enum member name as its string value, so codes are stable on the wire', () => {
    for (const [key, value] of Object.entries(DomainErrorCode)) expect(value).toBe(key);
  });
});

describe('tryParse', () => {
  it('wraps a built value', () => {
    expect(tryParse(() => 42)).toEqual({ ok: true, value: 42 });
  });

  it('turns a DomainValidationError into a result with its code and message', () => {
    const result = tryParse(() => {
      throw new DomainValidationError(DomainErrorCode.AMOUNT_DECIMALS, 'too many decimals');
    });
    expect(result).toEqual({
      ok: false,
      code: DomainErrorCode.AMOUNT_DECIMALS,
      message: 'too many decimals',
    });
  });

  it('rethrows anything else, because that is a bug rather than bad input', () => {
    expect(() =>
      tryParse(() => {
        throw new TypeError('boom');
      }),
    ).toThrow(TypeError);
  });
});
