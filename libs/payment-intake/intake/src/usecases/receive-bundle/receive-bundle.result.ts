import {
  BundleRejectionCode,
  Pain001FormatCode,
  PaymentRejectionCode,
} from '@nemkonto/payment-intake-pain001';

export interface RejectedPayment {
  readonly index: number;
  readonly pmtInfId: string;
  readonly endToEndId: string;
  readonly code: PaymentRejectionCode;
  readonly reason: string;
}

// What the authority is told about a bundle: answer 0 (unreadable), answer 1 rejected, or
// answer 1 received together with answer 2 (the payments refused at reception).
export type ReceiveBundleResult =
  | {
      readonly answer: 0;
      readonly code: Pain001FormatCode;
      readonly reason: string;
      // SHA-256 of what was read of the document: two different unreadable documents get two
      // answers, a resend of the same one the same answer.
      readonly documentHash: string;
    }
  | {
      readonly answer: 1;
      readonly status: 'REJECTED';
      readonly msgId: string | null;
      readonly code: BundleRejectionCode;
      readonly reason: string;
    }
  | {
      readonly answer: 1;
      readonly status: 'RECEIVED';
      readonly bundleKey: string;
      readonly msgId: string;
      readonly resend: boolean;
      readonly paymentCount: number;
      readonly acceptedCount: number;
      readonly acceptedSumOre: number;
      readonly rejected: readonly RejectedPayment[];
    };
