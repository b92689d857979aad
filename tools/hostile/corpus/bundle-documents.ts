import { Pain001Input, Pain001TransactionInput, writePain001 } from '@nemkonto/payment-intake-pain001';
import { FLOW_AUTHORITY } from '../../e2e/flow-system';
import { Variant } from './hostile-case';

export const DEBIT_ACCOUNT = `${FLOW_AUTHORITY.debitRegNo}${FLOW_AUTHORITY.debitAccountNo}`;
// A valid CPR number (1 January 1965) and a Danish account: a complete payment needs no register.
export const CPR = '0101651001';
export const ACCOUNT = '00400440116243';

// A complete payment the system accepts and sends to the bank.
export function payment(v: Variant, suffix: string, overrides: Partial<Pain001TransactionInput> = {}) {
  return {
    endToEndId: v.e2e(suffix),
    amount: '100.00',
    creditor: { scheme: 'CPR' as const, id: CPR },
    creditorName: 'Søren Ærø',
    creditorAccount: { other: ACCOUNT },
    benefitType: 'BOERNEYDELSE',
    adviceText: 'Børneydelse',
    ...overrides,
  };
}

export function bundle(
  v: Variant,
  transactions: readonly Pain001TransactionInput[],
  overrides: Partial<Pain001Input> = {},
  paymentInfo: { requestedExecutionDate?: string; debitAccount?: string } = {},
): Pain001Input {
  return {
    msgId: v.msgId,
    createdAt: `${v.today}T08:00:00Z`,
    authorityId: FLOW_AUTHORITY.id,
    authorityName: FLOW_AUTHORITY.name,
    paymentInfos: [
      {
        pmtInfId: `${v.msgId}-P1`,
        requestedExecutionDate: paymentInfo.requestedExecutionDate ?? v.today,
        debitAccount: paymentInfo.debitAccount ?? DEBIT_ACCOUNT,
        transactions,
      },
    ],
    ...overrides,
  };
}

// The document of a bundle with one good payment ("OK"), to be taken apart by the XML cases.
export const validDocument = (v: Variant): string => writePain001(bundle(v, [payment(v, 'OK')]));

// A bundle with a bad payment ("BAD") before a good one ("OK"): the good one must go on.
export const withBadPayment = (v: Variant, bad: Partial<Pain001TransactionInput>): string =>
  writePain001(bundle(v, [payment(v, 'BAD', bad), payment(v, 'OK')]));
