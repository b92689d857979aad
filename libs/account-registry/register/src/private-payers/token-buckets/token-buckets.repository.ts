import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BucketSettings, retryAfterSeconds } from './token-bucket';

export interface Charge {
  readonly granted: boolean;
  // The level after the charge (or, refused, the level it was refused at).
  readonly tokens: number;
  // Refused: whole seconds until the cost is there (null: never, the cost is above capacity).
  readonly retryAfterSeconds: number | null;
}

export const payerBucketKey = (payerId: string): string => `payer:${payerId}`;
// The end user's id is the payer's opaque value; only its hash is stored.
export const endUserBucketKey = (payerId: string, endUser: string): string =>
  `end-user:${payerId}:${createHash('sha256').update(`${payerId}\n${endUser}`).digest('hex')}`;

// The refill of token-bucket.ts's levelAt, on the stored row: $2 capacity, $3 rate, $5 the time.
const LEVEL = `least($2::float8, b.tokens + greatest(0, extract(epoch FROM ($5::timestamptz - b.refilled_at)))::float8 * $3::float8)`;

// Buckets shared by every registry instance: each charge is one atomic upsert on the bucket's
// row (created full on first use), so concurrent charges queue on the row lock and never spend
// more than the bucket holds. Run them outside long transactions: the row stays locked until the
// statement's transaction ends.
@Injectable()
export class TokenBuckets {
  constructor(private readonly dataSource: DataSource) {}

  // Takes `cost` tokens if the bucket holds them at `at`; otherwise takes nothing.
  async take(
    key: string,
    cost: number,
    settings: BucketSettings,
    at: Date,
    m: EntityManager = this.dataSource.manager,
  ): Promise<Charge> {
    const [row] = (await m.query(
      `INSERT INTO private_payer_buckets AS b (bucket_key, tokens, refilled_at, granted)
       VALUES ($1, CASE WHEN $2::float8 >= $4::float8 THEN $2::float8 - $4::float8 ELSE $2::float8 END, $5, $2::float8 >= $4::float8)
       ON CONFLICT (bucket_key) DO UPDATE SET
         tokens = CASE WHEN ${LEVEL} >= $4::float8 THEN ${LEVEL} - $4::float8 ELSE ${LEVEL} END,
         granted = ${LEVEL} >= $4::float8,
         refilled_at = greatest(b.refilled_at, $5::timestamptz)
       RETURNING tokens, granted`,
      [key, settings.capacity, settings.refillPerSecond, cost, at],
    )) as { tokens: number; granted: boolean }[];
    if (!row) throw new Error('the bucket upsert returned no row');
    return {
      granted: row.granted,
      tokens: row.tokens,
      retryAfterSeconds: row.granted ? null : retryAfterSeconds(row.tokens, cost, settings),
    };
  }

  // Adds `delta` tokens (up to the capacity) or, negative, charges them without condition.
  async adjust(
    key: string,
    delta: number,
    settings: BucketSettings,
    at: Date,
    m: EntityManager = this.dataSource.manager,
  ): Promise<number> {
    const [row] = (await m.query(
      `INSERT INTO private_payer_buckets AS b (bucket_key, tokens, refilled_at, granted)
       VALUES ($1, least($2::float8, $2::float8 + $4::float8), $5, true)
       ON CONFLICT (bucket_key) DO UPDATE SET
         tokens = least($2::float8, ${LEVEL} + $4::float8),
         refilled_at = greatest(b.refilled_at, $5::timestamptz)
       RETURNING tokens`,
      [key, settings.capacity, settings.refillPerSecond, delta, at],
    )) as { tokens: number }[];
    return row?.tokens ?? Number.NaN;
  }
}
