import { AmountOre, positiveAmountFromDecimal } from './amount-ore';
import { DomainErrorCode } from './domain-validation.error';

const ore = (n: number): AmountOre => AmountOre.of(n);

describe('AmountOre', () => {
  it.each([
    ['1234.50', 123450],
    ['1234.5', 123450],
    ['0.01', 1],
    ['0.1', 10],
    ['7', 700],
    ['0', 0],
    ['0.00', 0],
    ['-0.00', 0], // minus zero is zero
    ['007.05', 705],
    [' 12.34 ', 1234],
    ['0.29', 29], // 0.29 * 100 is 28.999… in floating point
    ['1.15', 115], // 1.15 * 100 is 114.999…
    ['4.35', 435], // 4.35 * 100 is 434.999…
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('parses %j as %d øre without floating point', (input, expected) => {
    expect(AmountOre.fromDecimalString(input)).toBe(expected);
  });

  it.each([
    ['1.005', DomainErrorCode.AMOUNT_DECIMALS],
    ['10.000', DomainErrorCode.AMOUNT_DECIMALS], // even trailing zeros: the sender meant 3 decimals
    ['-1.00', DomainErrorCode.AMOUNT_NEGATIVE],
    ['-0.01', DomainErrorCode.AMOUNT_NEGATIVE],
    ['1,00', DomainErrorCode.AMOUNT_FORMAT],
    ['1.000,00', DomainErrorCode.AMOUNT_FORMAT],
    ['1e3', DomainErrorCode.AMOUNT_FORMAT],
    ['+1.00', DomainErrorCode.AMOUNT_FORMAT],
    ['.50', DomainErrorCode.AMOUNT_FORMAT],
    ['1.', DomainErrorCode.AMOUNT_FORMAT],
    ['1 000', DomainErrorCode.AMOUNT_FORMAT],
    ['NaN', DomainErrorCode.AMOUNT_FORMAT],
    ['Infinity', DomainErrorCode.AMOUNT_FORMAT],
    ['0x10', DomainErrorCode.AMOUNT_FORMAT],
    ['', DomainErrorCode.AMOUNT_FORMAT],
    ['90071992547409.92', DomainErrorCode.AMOUNT_TOO_LARGE], // MAX_SAFE_INTEGER + 1 øre
    ['100000000000000000000', DomainErrorCode.AMOUNT_TOO_LARGE],
  ])('rejects %j with %s', (input, code) => {
    expect(AmountOre.tryFromDecimalString(input)).toMatchObject({ ok: false, code });
  });

  it.each([
    ['0', DomainErrorCode.AMOUNT_NOT_POSITIVE],
    ['0.00', DomainErrorCode.AMOUNT_NOT_POSITIVE],
    ['-5.00', DomainErrorCode.AMOUNT_NEGATIVE],
    ['10.005', DomainErrorCode.AMOUNT_DECIMALS],
  ])('rejects %j with %s where a positive amount is asked', (input, code) => {
    expect(AmountOre.tryFromDecimalString(input, { positive: true })).toMatchObject({ ok: false, code });
    expect(() => positiveAmountFromDecimal(input)).toThrow(expect.objectContaining({ code }));
  });

  it('accepts the smallest positive amount', () => {
    expect(positiveAmountFromDecimal('0.01')).toBe(1);
    expect(AmountOre.tryFromDecimalString('0.01', { positive: true })).toEqual({ ok: true, value: 1 });
  });

  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [50, '0.50'],
    [100, '1.00'],
    [123450, '1234.50'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('formats %d øre as %s with exactly 2 decimals', (n, text) => {
    expect(AmountOre.toDecimalString(ore(n))).toBe(text);
    expect(AmountOre.fromDecimalString(text)).toBe(n);
  });

  it.each([
    [1.5, DomainErrorCode.AMOUNT_FORMAT],
    [Number.NaN, DomainErrorCode.AMOUNT_FORMAT],
    [Number.POSITIVE_INFINITY, DomainErrorCode.AMOUNT_FORMAT],
    [-1, DomainErrorCode.AMOUNT_NEGATIVE],
    [Number.MAX_SAFE_INTEGER + 1, DomainErrorCode.AMOUNT_TOO_LARGE],
  ])('refuses %d øre with %s', (n, code) => {
    expect(() => AmountOre.of(n)).toThrow(expect.objectContaining({ code }));
  });

  it('sums and adds as integers', () => {
    expect(AmountOre.sum([ore(10), ore(20), ore(30)])).toBe(60);
    expect(AmountOre.sum([])).toBe(0);
    expect(AmountOre.sum(new Set([ore(1), ore(2)]))).toBe(3);
    expect(AmountOre.add(ore(29), ore(1))).toBe(30);
    // 0.1 + 0.2 in kroner would be 0.30000000000000004
    const total = AmountOre.sum(['0.10', '0.20'].map((s) => AmountOre.fromDecimalString(s)));
    expect(AmountOre.toDecimalString(total)).toBe('0.30');
  });

  it('refuses a sum beyond the safe integer range instead of rounding it', () => {
    const max = ore(Number.MAX_SAFE_INTEGER);
    expect(AmountOre.sum([max, ore(0)])).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => AmountOre.sum([max, ore(1)])).toThrow(
      expect.objectContaining({ code: DomainErrorCode.AMOUNT_TOO_LARGE }),
    );
    expect(() => AmountOre.add(max, max)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.AMOUNT_TOO_LARGE }),
    );
  });

  it('re-checks values forced into the brand when summing', () => {
    expect(() => AmountOre.sum([1.5 as AmountOre])).toThrow(
      expect.objectContaining({ code: DomainErrorCode.AMOUNT_FORMAT }),
    );
  });
});
