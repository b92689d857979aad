import { parseJsonFeedEvent } from '@nemkonto/cpr-cvr-sync-feed-format';
import { CausalMeta, PartnerDocument } from '@nemkonto/platform-messaging';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SYNC_SETTINGS, SyncSettings } from '../../sync.settings';
import { SyncError, SyncErrorCode } from '../../sync.errors';
import { ApplyFeedEventsUseCase, ApplyResult } from '../apply-feed-events/apply-feed-events.usecase';

export interface ReceivedFeedEvent extends ApplyResult {
  readonly source: string;
  readonly sequenceNo: number;
}

// One JSON event from the RabbitMQ feed. The sender is the broker-validated user-id: it must be
// the user configured for the event's source (NK_SYNC_FEED_USERS).
@Injectable()
export class ReceiveFeedEventUseCase {
  constructor(
    private readonly apply: ApplyFeedEventsUseCase,
    @Inject(SYNC_SETTINGS) private readonly settings: SyncSettings,
  ) {}

  async execute(m: EntityManager, doc: PartnerDocument, meta: CausalMeta = {}): Promise<ReceivedFeedEvent> {
    const parsed = parseJsonFeedEvent(doc.body);
    if (!parsed.ok) throw new SyncError(SyncErrorCode.INVALID_EVENT, `invalid feed event: ${parsed.reason}`);
    const { source, event } = parsed.value;
    const allowed = this.settings.feedUsers.get(source);
    if (allowed === undefined || doc.userId !== allowed) {
      throw new SyncError(
        SyncErrorCode.SENDER_NOT_ALLOWED,
        doc.userId === null
          ? 'the message has no user-id property: the sender cannot be identified'
          : `broker user ${doc.userId} may not publish events of source ${source}`,
      );
    }
    const result = await this.apply.execute(m, source, [event], meta);
    return { ...result, source, sequenceNo: event.sequenceNo };
  }
}
