import { NoAccountPolicy } from '@nemkonto/contracts';
import {
  BundleHeader,
  BundleRejection,
  Pain001FormatCode,
  Pain001FormatError,
  PaymentRejectionCode,
  RawPaymentInfo,
  RawTransaction,
  ValidPaymentInfo,
  amountToMicro,
  checkPaymentInfo,
  validatePayment,
} from '@nemkonto/payment-intake-pain001';
import { createHash, randomUUID } from 'node:crypto';
import { PendingPayment } from './payments.repository';
import { RejectedPayment } from './receive-bundle.result';

// A bundle already stored under the same id.
export interface Existing {
  bundle_key: string;
  content_hash: string;
  status: 'RECEIVED' | 'REJECTED';
}

// Everything known about the bundle while it streams in.
export class BundleState {
  readonly bundleKey = randomUUID();
  policy: NoAccountPolicy = { kind: 'REJECT' };
  needsLookup = false;
  rejection?: BundleRejection;
  existing?: Existing;
  count = 0;
  sumMicro = 0n;
  acceptedCount = 0;
  acceptedSumOre = 0;
  readonly pending: PendingPayment[] = [];
  readonly rejected: RejectedPayment[] = [];
  private headerValue?: BundleHeader;
  private info?: ValidPaymentInfo;
  private newInfos: ValidPaymentInfo[] = [];

  constructor(readonly authorityId: string) {}

  header(h: BundleHeader): void {
    this.headerValue = h;
    this.needsLookup = true;
  }

  headerOrNull(): BundleHeader | undefined {
    return this.headerValue;
  }

  requireHeader(): BundleHeader {
    if (!this.headerValue)
      throw new Pain001FormatError(Pain001FormatCode.MISSING_ELEMENT, 'GrpHdr is missing');
    return this.headerValue;
  }

  paymentInfo(raw: RawPaymentInfo): void {
    const checked = checkPaymentInfo(raw);
    if (!checked.ok) {
      this.rejection ??= { code: checked.code, reason: checked.reason };
      return;
    }
    this.info = checked.info;
    this.newInfos.push(checked.info);
  }

  takeNewInfos(): ValidPaymentInfo[] {
    return this.newInfos.splice(0);
  }

  transaction(raw: RawTransaction): void {
    this.count++;
    this.sumMicro += amountToMicro(raw.amount) ?? 0n;
    if (this.existing || this.rejection) return;
    const checked = validatePayment(raw);
    if (!checked.ok)
      this.rejectPayment(raw.index, raw.pmtInfId, raw.endToEndId, checked.code, checked.reason);
    // The reader reports a PmtInf before its first transaction, so `info` is set here.
    else if (this.info) this.pending.push({ payment: checked.payment, info: this.info });
  }

  rejectPayment(
    index: number,
    pmtInfId: string,
    endToEndId: string,
    code: PaymentRejectionCode,
    reason: string,
  ): void {
    this.rejected.push({ index, pmtInfId, endToEndId: endToEndId.slice(0, 35), code, reason });
  }

  accept(amountOre: number): void {
    this.acceptedCount++;
    this.acceptedSumOre += amountOre;
  }
}

export async function* hashing(
  source: AsyncIterable<Uint8Array>,
  hash: ReturnType<typeof createHash>,
): AsyncIterable<Uint8Array> {
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
}
