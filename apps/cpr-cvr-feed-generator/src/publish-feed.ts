import { PartnerDocumentTypes, PartnerExchanges } from '@nemkonto/contracts';
import { FeedEvent, writeJsonFeedEvent } from '@nemkonto/cpr-cvr-sync-feed-format';
import { connect } from 'amqplib';

export interface PublishOptions {
  readonly amqpUrl: string;
  readonly source: string;
  // Confirms awaited every this many messages.
  readonly window?: number;
  readonly onProgress?: (published: number) => void;
}

// Publishes events to the feed exchange as the feed's own broker user: the user-id property is
// the connection's user (the broker refuses any other), so cpr-cvr-sync knows who sent them.
export async function publishFeedEvents(events: readonly FeedEvent[], o: PublishOptions): Promise<number> {
  const user = decodeURIComponent(new URL(o.amqpUrl).username) || 'guest';
  const conn = await connect(o.amqpUrl);
  try {
    const ch = await conn.createConfirmChannel();
    const returned: string[] = [];
    ch.on('return', (msg: { properties: { messageId?: string } }) =>
      returned.push(msg.properties.messageId ?? '?'),
    );
    const window = o.window ?? 500;
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as FeedEvent;
      ch.publish(PartnerExchanges.cprCvrFeed, o.source, Buffer.from(writeJsonFeedEvent(o.source, e)), {
        persistent: true,
        mandatory: true,
        messageId: `${o.source}-${e.sequenceNo}`,
        userId: user,
        type: PartnerDocumentTypes.feedEvent,
        contentType: 'application/json',
        contentEncoding: 'utf-8',
      });
      if ((i + 1) % window === 0) {
        await ch.waitForConfirms();
        o.onProgress?.(i + 1);
      }
    }
    await ch.waitForConfirms();
    if (returned.length > 0) {
      throw new Error(`${returned.length} events were unroutable: is cpr-cvr-sync's feed queue declared?`);
    }
    return events.length;
  } finally {
    await conn.close().catch(() => undefined);
  }
}
