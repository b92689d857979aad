import { PrivatePayerSettings } from '../private-payer.settings';
import { BucketSettings } from '../token-buckets/token-bucket';

export type LookupMode = 'FULL' | 'YES_NO';
export type LegalBasisKind = 'LEGAL_BASIS' | 'CONSENT';

// A private payer under an NKS agreement (domain notes §2.11). Bucket settings left null take
// the service's defaults.
export interface PrivatePayer {
  readonly payerId: string;
  readonly name: string;
  readonly nksAgreementNo: string;
  readonly legalBasis: { readonly kind: LegalBasisKind; readonly reference: string };
  readonly lookupMode: LookupMode;
  readonly brokerUser: string | null;
  readonly bucket: { readonly capacity: number | null; readonly refillPerSecond: number | null };
  readonly endUserBucket: { readonly capacity: number | null; readonly refillPerSecond: number | null };
  readonly activeFrom: string;
  readonly activeTo: string | null;
}

export const agreementInForce = (payer: PrivatePayer, today: string): boolean =>
  payer.activeFrom <= today && (payer.activeTo === null || today <= payer.activeTo);

export function bucketSettingsOf(
  payer: PrivatePayer,
  defaults: PrivatePayerSettings,
): { readonly payer: BucketSettings; readonly endUser: BucketSettings } {
  return {
    payer: {
      capacity: payer.bucket.capacity ?? defaults.payerBucket.capacity,
      refillPerSecond: payer.bucket.refillPerSecond ?? defaults.payerBucket.refillPerSecond,
    },
    endUser: {
      capacity: payer.endUserBucket.capacity ?? defaults.endUserBucket.capacity,
      refillPerSecond: payer.endUserBucket.refillPerSecond ?? defaults.endUserBucket.refillPerSecond,
    },
  };
}
