// The NemKonto return answers (nemkonto-domain.md §3.1), carried in pain.002 as the status reason
// code `NK<n>` with the specific reason beside it.
export type NemKontoAnswerCode = 0 | 1 | 2 | 5 | 7 | 8 | 9;

export interface TransactionAnswer {
  readonly pmtInfId: string | null;
  readonly endToEndId: string;
  // ISO 20022 transaction status: accepted for settlement, accepted by the bank, rejected, cancelled.
  readonly status: 'ACCP' | 'ACSC' | 'RJCT' | 'CANC';
  readonly reasonCode: string;
  readonly reason: string;
}

export interface NemKontoAnswer {
  // The answer's own id: unique, and the same on every resend of the same answer.
  readonly answerId: string;
  readonly createdAt: Date;
  readonly code: NemKontoAnswerCode;
  readonly originalMsgId: string | null;
  // What the original message was (OrgnlMsgNmId): the bundle (default), or the stop request when
  // the answer is about the request itself rather than the payments it named.
  readonly originalMsgName?: 'pain.001.001.09' | 'camt.055.001.08';
  // Group status: ACTC received, RJCT rejected, PART some payments rejected, ACCP/ACSC bank.
  readonly groupStatus: 'ACTC' | 'RJCT' | 'PART' | 'ACCP' | 'ACSC' | 'CANC';
  readonly groupReasonCode: string | null;
  readonly groupReason: string | null;
  readonly originalCount: number | null;
  readonly transactions: readonly TransactionAnswer[];
}

// "1 payment", "2 payments": the group reasons authorities read.
export const paymentCount = (n: number): string => `${n} payment${n === 1 ? '' : 's'}`;
