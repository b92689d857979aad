import { DomainErrorCode, DomainValidationError } from './domain-validation.error';

export type AmountOre = number & { readonly __brand: 'AmountOre' };

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

// Money is whole øre. Amounts arrive as decimal strings (XML, JSON) and are parsed as text, never
// through floating point.
export function amountFromDecimal(input: string): AmountOre {
  const m = DECIMAL.exec(input.trim());
  if (!m)
    throw new DomainValidationError(DomainErrorCode.AMOUNT_FORMAT, `"${input}" is not a decimal amount`);
  const [, kr, fraction = ''] = m as unknown as [string, string, string | undefined];
  if (fraction.length > 2) {
    throw new DomainValidationError(
      DomainErrorCode.AMOUNT_DECIMALS,
      'an amount has at most 2 decimals (øre)',
    );
  }
  return amountOre(Number(kr) * 100 + Number(fraction.padEnd(2, '0')));
}

export function amountOre(ore: number): AmountOre {
  if (!Number.isInteger(ore))
    throw new DomainValidationError(DomainErrorCode.AMOUNT_FORMAT, 'an amount in øre is a whole number');
  if (!Number.isSafeInteger(ore))
    throw new DomainValidationError(DomainErrorCode.AMOUNT_TOO_LARGE, 'the amount is too large');
  return ore as AmountOre;
}

export function positiveAmountFromDecimal(input: string): AmountOre {
  const ore = amountFromDecimal(input);
  if (ore <= 0)
    throw new DomainValidationError(
      DomainErrorCode.AMOUNT_NOT_POSITIVE,
      'the amount must be greater than zero',
    );
  return ore;
}

export function toDecimalString(ore: AmountOre | number): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export function sumOre(amounts: readonly number[]): AmountOre {
  let total = 0;
  for (const a of amounts) total += a;
  return amountOre(total);
}
