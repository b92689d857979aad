import { BucketSettings } from './token-buckets/token-bucket';

// Defaults for private payers whose row leaves them open, and the billing fee.
export interface PrivatePayerSettings {
  readonly payerBucket: BucketSettings;
  readonly endUserBucket: BucketSettings;
  // Øre per coupling of a CPR number to an account (the law's ceiling is DKK 0.04).
  readonly feeOrePerCoupling: number;
}

export const PRIVATE_PAYER_SETTINGS = Symbol('PRIVATE_PAYER_SETTINGS');

export const MAX_FEE_ORE_PER_COUPLING = 4;

// NK_REGISTRY_PAYER_BUCKET_CAPACITY (20,000) and _REFILL_PER_SECOND (50): a payer's bucket;
// NK_REGISTRY_END_USER_BUCKET_CAPACITY (100) and _REFILL_PER_SECOND (0.05, 3 a minute): the
// bucket of each end user a payer acts for; NK_REGISTRY_PAYER_FEE_ORE (0-4, default 4). A bad
// value stops the service at boot with the variable's name.
export function privatePayerSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): PrivatePayerSettings {
  const num = (name: string, min: number, max: number, fallback: number, integer: boolean): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max)
      throw new Error(`${name} must be ${integer ? 'a whole number' : 'a number'} ${min}-${max}`);
    return n;
  };
  return {
    payerBucket: {
      capacity: num('NK_REGISTRY_PAYER_BUCKET_CAPACITY', 20, 100_000_000, 20_000, true),
      refillPerSecond: num('NK_REGISTRY_PAYER_BUCKET_REFILL_PER_SECOND', 0.000001, 1_000_000, 50, false),
    },
    endUserBucket: {
      capacity: num('NK_REGISTRY_END_USER_BUCKET_CAPACITY', 20, 1_000_000, 100, true),
      refillPerSecond: num('NK_REGISTRY_END_USER_BUCKET_REFILL_PER_SECOND', 0.000001, 10_000, 0.05, false),
    },
    feeOrePerCoupling: num('NK_REGISTRY_PAYER_FEE_ORE', 0, MAX_FEE_ORE_PER_COUPLING, 4, true),
  };
}
