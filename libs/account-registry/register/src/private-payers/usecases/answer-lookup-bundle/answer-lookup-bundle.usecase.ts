import { PartnerDocumentTypes, PartnerExchanges, PayerBundleRejection } from '@nemkonto/contracts';
import { copenhagenWallClock } from '@nemkonto/domain';
import { Outbox } from '@nemkonto/platform-messaging';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PayerLookups } from '../../lookups/payer-lookups';
import { PrivatePayer, agreementInForce, bucketSettingsOf } from '../../payers/private-payer';
import { payerByBrokerUser } from '../../payers/private-payers.repository';
import { PrivatePayerError } from '../../private-payer.error';
import { privatePayerMetrics } from '../../private-payer.metrics';
import { PRIVATE_PAYER_SETTINGS, PrivatePayerSettings } from '../../private-payer.settings';
import { HIT_COST, MISS_COST } from '../../token-buckets/token-bucket';
import { TokenBuckets, payerBucketKey } from '../../token-buckets/token-buckets.repository';
import { countUsage, throttledUsage } from '../../usage/usage-counters';
import { AnswerDocument, answeredDocument, rejectedDocument } from './bundle-answer';
import { readLookupBundle } from './lookup-bundle.command';

// A bundle as it arrived: the broker-validated user-id names the payer.
export interface ReceivedBundle {
  readonly userId: string | null;
  readonly documentId: string;
  readonly type: string | null;
  readonly body: Buffer;
}

export type BundleOutcome = 'ANSWERED' | 'RESENT' | PayerBundleRejection;

// Answers a private payer's lookup bundle, in the caller's transaction (the message's inbox
// row): the bundle is claimed by (payer, bundle id), its items are looked up set-based, and the
// answer is stored with it and sent to the payer's queue through the outbox. The same bundle id
// again with the same content gets the stored answer again (not looked up, not counted, not
// charged); with other content a BUNDLE_CONFLICT answer.
//
// Tokens: a bundle first takes one token per item from the payer's bucket (the cost if every
// item were a hit); if the bucket cannot cover that, the bundle is refused (THROTTLED, with the
// seconds to wait) and not recorded, so it can be sent again later. After the lookup each miss
// is charged its other 19 without condition: the bucket may go below zero, and every later
// lookup of the payer waits until it has refilled. The charges run outside the transaction, so
// REST lookups of the payer do not wait for a bundle; a bundle whose transaction then fails is
// charged again when redelivered.
@Injectable()
export class AnswerLookupBundleUseCase {
  constructor(
    private readonly outbox: Outbox,
    private readonly buckets: TokenBuckets,
    private readonly payerLookups: PayerLookups,
    @Inject(PRIVATE_PAYER_SETTINGS) private readonly settings: PrivatePayerSettings,
  ) {}

  async executeIn(m: EntityManager, received: ReceivedBundle, now: Date): Promise<BundleOutcome> {
    const payer = received.userId === null ? null : await payerByBrokerUser(m, received.userId);
    if (!payer)
      throw new PrivatePayerError(
        'UNKNOWN_PAYER',
        received.userId === null
          ? 'the message has no user-id property: the sender cannot be identified'
          : `no private payer is registered for broker user ${received.userId}`,
      );
    const today = copenhagenWallClock(now).date;
    const bundle = readLookupBundle(received.body, received.type);
    const refuse = async (
      bundleId: string | null,
      code: PayerBundleRejection,
      message: string,
      basis = received.documentId,
      retryAfterSeconds?: number,
    ): Promise<BundleOutcome> => {
      const doc = rejectedDocument(payer.payerId, bundleId, { code, message, retryAfterSeconds }, basis, now);
      await this.send(m, payer, doc);
      return code;
    };
    if (!bundle.ok) return refuse(bundle.bundleId, bundle.code, bundle.message);
    if (!agreementInForce(payer, today))
      return refuse(bundle.bundleId, 'NO_AGREEMENT', 'the NKS agreement is not in force today');

    const claimed = (await m.query(
      `INSERT INTO private_payer_bundles (payer_id, bundle_id, content_sha256, item_count, received_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (payer_id, bundle_id) DO NOTHING RETURNING bundle_id`,
      [payer.payerId, bundle.bundleId, bundle.contentSha256, bundle.items.length, now],
    )) as unknown[];
    if (claimed.length === 0) {
      const [before] = (await m.query(
        `SELECT content_sha256, answer_id, answer_document FROM private_payer_bundles WHERE payer_id = $1 AND bundle_id = $2`,
        [payer.payerId, bundle.bundleId],
      )) as { content_sha256: string; answer_id: string | null; answer_document: string | null }[];
      if (before?.content_sha256 === bundle.contentSha256 && before.answer_id && before.answer_document) {
        await this.send(m, payer, {
          answerId: before.answer_id,
          bundleId: bundle.bundleId,
          text: before.answer_document,
        });
        return 'RESENT';
      }
      return refuse(
        bundle.bundleId,
        'BUNDLE_CONFLICT',
        'this bundle id was used before for other content',
        bundle.contentSha256,
      );
    }

    const parties = bundle.items.flatMap((i) => (i.party ? [i.party] : []));
    const bucket = bucketSettingsOf(payer, this.settings).payer;
    const key = payerBucketKey(payer.payerId);
    const need = parties.length * HIT_COST;
    const unclaim = (): Promise<unknown> =>
      m.query(`DELETE FROM private_payer_bundles WHERE payer_id = $1 AND bundle_id = $2`, [
        payer.payerId,
        bundle.bundleId,
      ]);
    if (need > bucket.capacity) {
      await unclaim();
      return refuse(
        bundle.bundleId,
        'BUNDLE_OVER_CAPACITY',
        `the payer's bucket holds at most ${bucket.capacity} tokens: send at most that many items per bundle`,
      );
    }
    if (need > 0) {
      const charge = await this.buckets.take(key, need, bucket, now);
      if (!charge.granted) {
        await unclaim();
        await countUsage(m, payer.payerId, today, throttledUsage(parties.length));
        privatePayerMetrics.throttled.inc({ payer: payer.payerId, bucket: 'payer' }, parties.length);
        return refuse(
          bundle.bundleId,
          'THROTTLED',
          "the payer's lookup allowance does not cover the bundle now",
          received.documentId,
          charge.retryAfterSeconds ?? 1,
        );
      }
    }
    const hits = await this.payerLookups.lookUp(m, payer, parties, today);
    const misses = hits.filter((h) => h.outcome !== 'FOUND').length;
    if (misses > 0) await this.buckets.adjust(key, -misses * (MISS_COST - HIT_COST), bucket, now);
    const doc = answeredDocument(payer.payerId, payer.lookupMode, bundle, hits, now);
    await m.query(
      `UPDATE private_payer_bundles SET answer_id = $3, answer_document = $4 WHERE payer_id = $1 AND bundle_id = $2`,
      [payer.payerId, bundle.bundleId, doc.answerId, doc.text],
    );
    await this.send(m, payer, doc);
    return 'ANSWERED';
  }

  private send(m: EntityManager, payer: PrivatePayer, doc: AnswerDocument): Promise<void> {
    return this.outbox.enqueueDocuments(m, [
      {
        documentId: doc.answerId,
        exchange: PartnerExchanges.payerAnswers,
        routingKey: payer.payerId,
        type: PartnerDocumentTypes.payerLookupAnswer,
        text: doc.text,
        charset: 'utf-8',
        contentType: 'application/json',
        correlationId: doc.bundleId ?? undefined,
      },
    ]);
  }
}
