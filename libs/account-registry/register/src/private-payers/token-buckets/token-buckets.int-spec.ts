// The buckets' SQL against the real Postgres: it computes what the model in token-bucket.ts
// computes, and concurrent charges on one bucket never spend more than it holds.
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { IntegrationContext, createIntegrationContext, openMigratedDataSource } from '@nemkonto/testing';
import { DataSource } from 'typeorm';
import { REGISTRY_MIGRATIONS } from '../../migrations/registry-migrations';
import { BucketState, HIT_COST, MISS_COST, adjust, take } from './token-bucket';
import { TokenBuckets } from './token-buckets.repository';

jest.setTimeout(60_000);

describe('token buckets in Postgres', () => {
  let infra: IntegrationContext;
  let ds: DataSource;
  let buckets: TokenBuckets;
  const t0 = new Date('2026-11-25T10:00:00.000Z');
  const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);

  beforeAll(async () => {
    infra = await createIntegrationContext('buckets');
    ds = await openMigratedDataSource(infra, [OutboxInbox1764000000000, ...REGISTRY_MIGRATIONS]);
    buckets = new TokenBuckets(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
    await infra?.dispose();
  });

  it('computes what the model computes, step by step (refill, refusal, give-back, debt, clock skew)', async () => {
    const settings = { capacity: 100, refillPerSecond: 2.5 };
    const steps: [kind: 'take' | 'adjust', amount: number, seconds: number][] = [
      ['take', MISS_COST, 0],
      ['take', MISS_COST, 0],
      ['adjust', MISS_COST - HIT_COST, 0.5],
      ['take', 70, 1],
      ['take', 50, 1.2],
      ['take', HIT_COST, 3.7],
      ['adjust', -19 * 40, 4],
      ['take', HIT_COST, 100],
      ['take', HIT_COST, 99], // another instance's clock, a second behind
      ['take', HIT_COST, 400],
      ['take', MISS_COST, 10_000],
    ];
    let model: BucketState | null = null;
    for (const [kind, amount, seconds] of steps) {
      if (kind === 'take') {
        const expected = take(model, amount, settings, at(seconds));
        const got = await buckets.take('model-check', amount, settings, at(seconds));
        expect({ granted: got.granted, step: seconds }).toEqual({ granted: expected.granted, step: seconds });
        expect(got.tokens).toBeCloseTo(expected.state.tokens, 6);
        model = expected.state;
      } else {
        const expected = adjust(model, amount, settings, at(seconds));
        expect(await buckets.adjust('model-check', amount, settings, at(seconds))).toBeCloseTo(
          expected.tokens,
          6,
        );
        model = expected;
      }
    }
  });

  it('says how long to wait when it refuses', async () => {
    const settings = { capacity: 40, refillPerSecond: 0.5 };
    await buckets.take('wait', 40, settings, t0);
    const refused = await buckets.take('wait', MISS_COST, settings, at(10));
    expect(refused).toEqual({ granted: false, tokens: 5, retryAfterSeconds: 30 });
  });

  it('never overspends under 200 concurrent charges: exactly 5 misses of 20 from a bucket of 100', async () => {
    const settings = { capacity: 100, refillPerSecond: 0.000001 };
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 200 }, () => buckets.take('rush', MISS_COST, settings, now)),
    );
    expect(results.filter((r) => r.granted)).toHaveLength(5);
    const [row] = (await ds.query(`SELECT tokens FROM private_payer_buckets WHERE bucket_key = 'rush'`)) as {
      tokens: number;
    }[];
    expect(row?.tokens).toBeCloseTo(0, 3);
  });

  it('never overspends with reservations given back concurrently: hits × 1 + misses × 20 ≤ 100', async () => {
    const settings = { capacity: 100, refillPerSecond: 0.000001 };
    const now = new Date();
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const r = await buckets.take('mixed', MISS_COST, settings, now);
        if (!r.granted) return 'refused';
        const hit = i % 3 !== 0;
        if (hit) await buckets.adjust('mixed', MISS_COST - HIT_COST, settings, now);
        return hit ? 'hit' : 'miss';
      }),
    );
    const hits = outcomes.filter((o) => o === 'hit').length;
    const misses = outcomes.filter((o) => o === 'miss').length;
    const [row] = (await ds.query(`SELECT tokens FROM private_payer_buckets WHERE bucket_key = 'mixed'`)) as {
      tokens: number;
    }[];
    console.log(`200 concurrent lookups on a bucket of 100: ${hits} hits, ${misses} misses admitted`);
    expect(hits * HIT_COST + misses * MISS_COST).toBeLessThanOrEqual(100);
    expect(hits + misses).toBeGreaterThanOrEqual(5);
    expect(row?.tokens ?? -1).toBeGreaterThanOrEqual(0);
    expect(row?.tokens ?? -1).toBeCloseTo(100 - hits * HIT_COST - misses * MISS_COST, 3);
  });
});
