import { DomainErrorCode, DomainValidationError, ParseResult, tryParse } from './domain-validation.error';

// Money as a whole, non-negative number of øre, branded so a krone amount or a float cannot be
// passed by mistake. Amounts are parsed from their decimal text and computed in integers (or
// BigInt), never through floating point: 0.29 * 100 is 28.999… in binary.
export type AmountOre = number & { readonly __brand: 'AmountOre' };

export interface AmountOptions {
  // Reject zero as well (a payment must move money).
  readonly positive?: boolean;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

function fail(code: DomainErrorCode, message: string): never {
  throw new DomainValidationError(code, message);
}

export const AmountOre = {
  of(ore: number, options: AmountOptions = {}): AmountOre {
    if (!Number.isInteger(ore)) fail(DomainErrorCode.AMOUNT_FORMAT, 'an amount in øre is a whole number');
    if (!Number.isSafeInteger(ore)) fail(DomainErrorCode.AMOUNT_TOO_LARGE, 'the amount is too large');
    if (ore < 0) fail(DomainErrorCode.AMOUNT_NEGATIVE, 'the amount must not be negative');
    if (options.positive && ore === 0) {
      fail(DomainErrorCode.AMOUNT_NOT_POSITIVE, 'the amount must be greater than zero');
    }
    return ore as AmountOre;
  },

  // "1234.50" → 123450. Digits with an optional point and at most 2 decimals; no sign, no
  // exponent, no thousands separator, no comma.
  fromDecimalString(input: string, options: AmountOptions = {}): AmountOre {
    const m = DECIMAL.exec(input.trim());
    if (!m) fail(DomainErrorCode.AMOUNT_FORMAT, 'an amount is digits with an optional decimal point');
    const [, minus, kroner, decimals = ''] = m as unknown as [string, string | undefined, string, string?];
    if (decimals.length > 2) fail(DomainErrorCode.AMOUNT_DECIMALS, 'an amount has at most 2 decimals (øre)');
    const ore = BigInt(kroner) * 100n + BigInt(decimals.padEnd(2, '0'));
    if (minus && ore > 0n) fail(DomainErrorCode.AMOUNT_NEGATIVE, 'the amount must not be negative');
    if (ore > MAX) fail(DomainErrorCode.AMOUNT_TOO_LARGE, 'the amount is too large');
    return AmountOre.of(Number(ore), options);
  },

  tryFromDecimalString(input: string, options: AmountOptions = {}): ParseResult<AmountOre> {
    return tryParse(() => AmountOre.fromDecimalString(input, options));
  },

  // Always exactly 2 decimals: 5 → "0.05".
  toDecimalString(amount: AmountOre): string {
    const ore = BigInt(amount);
    return `${ore / 100n}.${String(ore % 100n).padStart(2, '0')}`;
  },

  add(a: AmountOre, b: AmountOre): AmountOre {
    return AmountOre.sum([a, b]);
  },

  // Throws AMOUNT_TOO_LARGE rather than lose precision beyond 2^53 - 1 øre.
  sum(amounts: Iterable<AmountOre>): AmountOre {
    let total = 0n;
    for (const amount of amounts) total += BigInt(AmountOre.of(amount));
    if (total > MAX) fail(DomainErrorCode.AMOUNT_TOO_LARGE, 'the sum is too large');
    return Number(total) as AmountOre;
  },
};

// The function form used by payment-intake's reception check.
export function positiveAmountFromDecimal(input: string): AmountOre {
  return AmountOre.fromDecimalString(input, { positive: true });
}
