import { parseIsoDate } from '@nemkonto/domain';
import { BundleHeader, RawPaymentInfo } from './pain001.model';
import { BundleRejection, BundleRejectionCode } from './payment-rejection';

export interface ValidPaymentInfo {
  readonly pmtInfId: string;
  readonly requestedExecutionDate: string;
  readonly debtorName: string;
  readonly debitRegNo: string;
  readonly debitAccountNo: string;
}

export function checkPaymentInfo(
  raw: RawPaymentInfo,
): { ok: true; info: ValidPaymentInfo } | ({ ok: false } & BundleRejection) {
  const other = raw.debitAccountOther;
  if (other === null || !/^\d{14}$/.test(other)) {
    return {
      ok: false,
      code: BundleRejectionCode.DEBIT_ACCOUNT_INVALID,
      reason: `PmtInf ${raw.pmtInfId}: the debit account must be a 4-digit reg.nr and a 10-digit account number`,
    };
  }
  try {
    parseIsoDate(raw.requestedExecutionDate);
  } catch {
    return {
      ok: false,
      code: BundleRejectionCode.EXECUTION_DATE_INVALID,
      reason: `PmtInf ${raw.pmtInfId}: ReqdExctnDt is not a date`,
    };
  }
  return {
    ok: true,
    info: {
      pmtInfId: raw.pmtInfId,
      requestedExecutionDate: raw.requestedExecutionDate,
      debtorName: raw.debtorName,
      debitRegNo: other.slice(0, 4),
      debitAccountNo: other.slice(4),
    },
  };
}

// Amounts are summed exactly in millionths of a krone, so a payment rejected for having three
// decimals still counts towards CtrlSum as the authority wrote it. Non-numbers count as nothing.
const MICRO_DIGITS = 6;
export function amountToMicro(amount: string): bigint | null {
  const m = /^(-?)(\d{1,18})(?:\.(\d{1,6}))?$/.exec(amount.trim());
  if (!m) return null;
  const value =
    BigInt(m[2] ?? '0') * 10n ** BigInt(MICRO_DIGITS) + BigInt((m[3] ?? '').padEnd(MICRO_DIGITS, '0'));
  return m[1] === '-' ? -value : value;
}

export const formatMicro = (v: bigint): string => {
  const sign = v < 0n ? '-' : '';
  const abs = v < 0n ? -v : v;
  const frac = String(abs % 10n ** BigInt(MICRO_DIGITS))
    .padStart(MICRO_DIGITS, '0')
    .replace(/0+$/, '');
  return `${sign}${abs / 10n ** BigInt(MICRO_DIGITS)}.${frac.padEnd(2, '0')}`;
};

// NbOfTxs and CtrlSum must match what the document holds: counted over every payment, including
// those rejected one by one, since the totals describe the document the authority sent.
export function checkControlTotals(
  header: BundleHeader,
  count: number,
  sumMicro: bigint,
): BundleRejection | null {
  if (header.declaredCount !== String(count)) {
    return {
      code: BundleRejectionCode.COUNT_MISMATCH,
      reason: `NbOfTxs says ${header.declaredCount}, the bundle holds ${count} payments`,
    };
  }
  if (header.declaredControlSum !== null) {
    const declared = amountToMicro(header.declaredControlSum);
    if (declared === null) {
      return {
        code: BundleRejectionCode.CONTROL_SUM_MISMATCH,
        reason: `CtrlSum "${header.declaredControlSum.slice(0, 40)}" is not an amount`,
      };
    }
    if (declared !== sumMicro) {
      return {
        code: BundleRejectionCode.CONTROL_SUM_MISMATCH,
        reason: `CtrlSum says ${formatMicro(declared)}, the payments add up to ${formatMicro(sumMicro)}`,
      };
    }
  }
  return null;
}
