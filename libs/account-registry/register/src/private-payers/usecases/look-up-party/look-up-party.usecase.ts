import { copenhagenWallClock } from '@nemkonto/domain';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PayerAnswer, PayerLookupHit, answerFor } from '../../lookups/payer-answer';
import { PayerLookups } from '../../lookups/payer-lookups';
import { PrivatePayer, agreementInForce, bucketSettingsOf } from '../../payers/private-payer';
import { payerById } from '../../payers/private-payers.repository';
import { PrivatePayerError } from '../../private-payer.error';
import { privatePayerMetrics } from '../../private-payer.metrics';
import { PRIVATE_PAYER_SETTINGS, PrivatePayerSettings } from '../../private-payer.settings';
import { BucketSettings, HIT_COST, MISS_COST } from '../../token-buckets/token-bucket';
import {
  Charge,
  TokenBuckets,
  endUserBucketKey,
  payerBucketKey,
} from '../../token-buckets/token-buckets.repository';
import { countUsage, throttledUsage } from '../../usage/usage-counters';
import { LookUpPartyCommand } from './look-up-party.command';

interface Reservation {
  readonly key: string;
  readonly settings: BucketSettings;
}

// A private payer's single lookup (REST). Before it, the miss cost (20) is reserved in the
// payer's bucket and in the end user's; an empty one refuses with THROTTLED and how long to wait,
// nothing is looked up and the refusal is counted. A hit gives 19 back, so it costs 1. The
// reservation makes concurrent requests safe: whatever they turn out to be, they can never
// spend more than the buckets hold.
@Injectable()
export class LookUpPartyUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly buckets: TokenBuckets,
    private readonly payerLookups: PayerLookups,
    @Inject(PRIVATE_PAYER_SETTINGS) private readonly settings: PrivatePayerSettings,
  ) {}

  async execute(cmd: LookUpPartyCommand, now: Date): Promise<PayerAnswer> {
    const today = copenhagenWallClock(now).date;
    const payer = await payerById(this.dataSource.manager, cmd.payerId);
    if (!payer) throw new PrivatePayerError('UNKNOWN_PAYER', 'the private payer is not registered');
    if (!agreementInForce(payer, today))
      throw new PrivatePayerError('NO_AGREEMENT', 'the NKS agreement is not in force today');
    const reserved = await this.reserve(payer, cmd.endUser, now, today);
    let hit: PayerLookupHit | undefined;
    try {
      [hit] = await this.dataSource.transaction((m) =>
        this.payerLookups.lookUp(m, payer, [cmd.party], today),
      );
    } catch (err) {
      await this.giveBack(reserved, MISS_COST, now);
      throw err;
    }
    if (!hit) throw new Error('the lookup went unanswered');
    if (hit.outcome === 'FOUND') await this.giveBack(reserved, MISS_COST - HIT_COST, now);
    return answerFor(payer.lookupMode, hit);
  }

  // The payer's bucket first, then the end user's; if the second refuses, the first gets its
  // tokens back.
  private async reserve(
    payer: PrivatePayer,
    endUser: string,
    now: Date,
    today: string,
  ): Promise<Reservation[]> {
    const settings = bucketSettingsOf(payer, this.settings);
    const payerBucket = { key: payerBucketKey(payer.payerId), settings: settings.payer };
    const first = await this.buckets.take(payerBucket.key, MISS_COST, payerBucket.settings, now);
    if (!first.granted) return this.refuse(payer, 'payer', first, payerBucket.settings, today);
    const endUserBucket = { key: endUserBucketKey(payer.payerId, endUser), settings: settings.endUser };
    const second = await this.buckets.take(endUserBucket.key, MISS_COST, endUserBucket.settings, now);
    if (!second.granted) {
      await this.giveBack([payerBucket], MISS_COST, now);
      return this.refuse(payer, 'end-user', second, endUserBucket.settings, today);
    }
    return [payerBucket, endUserBucket];
  }

  private async refuse(
    payer: PrivatePayer,
    bucket: 'payer' | 'end-user',
    charge: Charge,
    settings: BucketSettings,
    today: string,
  ): Promise<never> {
    await countUsage(this.dataSource.manager, payer.payerId, today, throttledUsage(1));
    privatePayerMetrics.throttled.inc({ payer: payer.payerId, bucket });
    throw new PrivatePayerError(
      'THROTTLED',
      `the ${bucket === 'payer' ? "payer's" : "end user's"} lookup allowance is used up`,
      charge.retryAfterSeconds ?? Math.ceil(settings.capacity / settings.refillPerSecond),
    );
  }

  private async giveBack(reserved: readonly Reservation[], tokens: number, now: Date): Promise<void> {
    for (const r of reserved) await this.buckets.adjust(r.key, tokens, r.settings, now);
  }
}
