import {
  amountFromDecimal,
  amountOre,
  positiveAmountFromDecimal,
  sumOre,
  toDecimalString,
} from './amount-ore';
import { DomainErrorCode, tryParse } from './domain-validation.error';

describe('amounts in øre', () => {
  it.each([
    ['1234.50', 123450],
    ['1234.5', 123450],
    ['0.01', 1],
    ['7', 700],
    ['0.29', 29], // 0.29 * 100 is 28.999… in floating point
    ['90071992547409.91', 9007199254740991],
  ])('parses %s as %d øre without floating point', (input, ore) => {
    expect(amountFromDecimal(input)).toBe(ore);
  });

  it.each([
    ['1.005', DomainErrorCode.AMOUNT_DECIMALS],
    ['-1.00', DomainErrorCode.AMOUNT_FORMAT],
    ['1,00', DomainErrorCode.AMOUNT_FORMAT],
    ['1e3', DomainErrorCode.AMOUNT_FORMAT],
    ['', DomainErrorCode.AMOUNT_FORMAT],
    ['90071992547409.92', DomainErrorCode.AMOUNT_TOO_LARGE],
  ])('rejects %s with %s', (input, code) => {
    expect(tryParse(() => amountFromDecimal(input))).toMatchObject({ ok: false, code });
  });

  it('requires a positive amount where asked', () => {
    expect(tryParse(() => positiveAmountFromDecimal('0.00'))).toMatchObject({
      code: DomainErrorCode.AMOUNT_NOT_POSITIVE,
    });
    expect(positiveAmountFromDecimal('0.01')).toBe(1);
  });

  it('formats with exactly two decimals and sums as integers', () => {
    expect(toDecimalString(amountOre(123450))).toBe('1234.50');
    expect(toDecimalString(5)).toBe('0.05');
    expect(sumOre([10, 20, 30])).toBe(60);
    expect(() => sumOre([Number.MAX_SAFE_INTEGER, 1])).toThrow();
    expect(() => amountOre(1.5)).toThrow();
  });
});
