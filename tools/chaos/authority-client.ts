// An authority's side of a chaos run: publishes bundles as the authority's own broker user and
// collects every pain.002 from its answers queue, both surviving broker restarts and cuts (it
// reconnects, re-sends what was not confirmed, and tells redeliveries of one answer apart from
// answers issued twice).
import { PartnerDocumentTypes, PartnerExchanges, authorityAnswersQueue } from '@nemkonto/contracts';
import { readPain002 } from '@nemkonto/payment-intake-pain002';
import { ChannelModel, ConfirmChannel, connect } from 'amqplib';

export interface ReceivedAnswer {
  readonly answerId: string;
  readonly code: number;
  readonly originalMsgId: string;
  readonly endToEndIds: readonly string[];
}

export class AuthorityClient {
  // Distinct answers by their id (the AMQP message-id, stable across re-sends).
  readonly answers = new Map<string, ReceivedAnswer>();
  // Deliveries of an answer already received (at-least-once delivery, not a second answer).
  redeliveries = 0;
  reconnects = 0;
  private conn?: ChannelModel;
  private channel?: ConfirmChannel;
  private stopped = false;
  private connecting?: Promise<void>;

  constructor(
    readonly authorityId: string,
    private readonly amqpUrl: string,
    private readonly log: (line: string) => void,
  ) {}

  get brokerUser(): string {
    return decodeURIComponent(new URL(this.amqpUrl).username);
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.ensureConnected();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.conn?.close().catch(() => undefined);
  }

  // Published until the broker confirms it; a resend after a lost confirm has the same
  // message-id, which intake's inbox recognises.
  async sendBundle(msgId: string, document: Buffer): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.ensureConnected();
        const channel = this.channel;
        if (!channel) throw new Error('not connected');
        await new Promise<void>((resolve, reject) => {
          channel.publish(
            PartnerExchanges.authorityDocuments,
            this.authorityId,
            document,
            {
              persistent: true,
              mandatory: true,
              messageId: msgId,
              userId: this.brokerUser,
              type: PartnerDocumentTypes.pain001,
              contentType: 'application/xml; charset=utf-8',
            },
            (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
          );
        });
        return;
      } catch (err) {
        if (this.stopped) throw err;
        this.log(`  ${this.authorityId}: bundle ${msgId} not confirmed (${(err as Error).message}); again`);
        await new Promise((r) => setTimeout(r, Math.min(5_000, 500 * (attempt + 1))));
      }
    }
  }

  private ensureConnected(): Promise<void> {
    if (this.channel) return Promise.resolve();
    this.connecting ??= this.connectLoop().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connectLoop(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      let conn: ChannelModel | undefined;
      try {
        conn = await connect(this.amqpUrl, { timeout: 10_000 });
        conn.on('error', () => undefined);
        const channel = await conn.createConfirmChannel();
        channel.on('error', () => undefined);
        const owner = conn;
        // A channel closed by the broker takes the connection with it: one way back.
        channel.on('close', () => void owner.close().catch(() => undefined));
        conn.on('close', () => {
          if (this.conn !== owner) return;
          this.channel = undefined;
          this.conn = undefined;
          if (!this.stopped) {
            this.reconnects++;
            void this.ensureConnected();
          }
        });
        await channel.prefetch(50);
        await channel.consume(authorityAnswersQueue(this.authorityId), (msg) => {
          if (!msg) {
            // Cancelled by the broker (the queue went away or failed over): start over.
            void owner.close().catch(() => undefined);
            return;
          }
          const id = String(msg.properties.messageId ?? '');
          if (this.answers.has(id)) {
            this.redeliveries++;
          } else {
            const answer = readPain002(msg.content.toString('utf8'));
            this.answers.set(id, {
              answerId: id,
              code: answer.code,
              originalMsgId: answer.originalMsgId ?? '',
              endToEndIds: answer.transactions.map((t) => t.endToEndId),
            });
          }
          try {
            channel.ack(msg);
          } catch {
            // The channel is gone: the broker redelivers the answer, recognised by its id.
          }
        });
        this.conn = conn;
        this.channel = channel;
        return;
      } catch (err) {
        await conn?.close().catch(() => undefined);
        if (attempt % 10 === 0)
          this.log(`  ${this.authorityId}: cannot reach the broker (${(err as Error).message}); retrying`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}
