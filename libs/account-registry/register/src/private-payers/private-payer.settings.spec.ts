import { privatePayerSettingsFromEnv } from './private-payer.settings';

describe('private payer settings', () => {
  it('default to a payer bucket of 20,000 (50/s), an end-user bucket of 100 (3/min) and 4 øre per coupling', () => {
    expect(privatePayerSettingsFromEnv({})).toEqual({
      payerBucket: { capacity: 20_000, refillPerSecond: 50 },
      endUserBucket: { capacity: 100, refillPerSecond: 0.05 },
      feeOrePerCoupling: 4,
    });
  });

  it('refuse a fee above the law’s DKK 0.04 and a bucket that cannot hold one miss, naming the variable', () => {
    expect(() => privatePayerSettingsFromEnv({ NK_REGISTRY_PAYER_FEE_ORE: '5' })).toThrow(
      'NK_REGISTRY_PAYER_FEE_ORE',
    );
    expect(() => privatePayerSettingsFromEnv({ NK_REGISTRY_PAYER_FEE_ORE: '2.5' })).toThrow('whole number');
    expect(() => privatePayerSettingsFromEnv({ NK_REGISTRY_END_USER_BUCKET_CAPACITY: '19' })).toThrow(
      'NK_REGISTRY_END_USER_BUCKET_CAPACITY',
    );
    expect(
      privatePayerSettingsFromEnv({ NK_REGISTRY_PAYER_BUCKET_REFILL_PER_SECOND: '0.5' }).payerBucket,
    ).toEqual({
      capacity: 20_000,
      refillPerSecond: 0.5,
    });
  });
});
