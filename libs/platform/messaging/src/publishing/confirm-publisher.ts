import { Logger } from '@nestjs/common';
import type { ConfirmChannel, ChannelModel, ConsumeMessage, Options } from 'amqplib';
import { AmqpConnection } from '../connection/amqp-connection';
import { PublishFailedError } from './publish-errors';

export interface PublishRequest {
  readonly exchange: string;
  readonly routingKey: string;
  readonly body: Buffer;
  readonly messageId: string;
  readonly type: string;
  readonly headers: Record<string, unknown>;
  readonly correlationId?: string;
  readonly appId?: string;
  // Envelopes are JSON; partner documents say what they are (XML, EDIFACT) and their charset.
  readonly contentType?: string;
  readonly contentEncoding?: string;
}

// Each attempt carries its own id, so a basic.return (which precedes the confirm) is matched to
// exactly that attempt even if the same message id is in flight twice.
const PUBLISH_ATTEMPT_HEADER = 'x-nk-publish-attempt';

// Publishes with publisher confirms and `mandatory`: a publish resolves only once the broker
// confirmed it AND did not return it as unroutable. Confirms are pipelined: callers may have
// many publishes in flight and await them together.
export class ConfirmPublisher {
  private readonly logger = new Logger(ConfirmPublisher.name);
  private channel?: ConfirmChannel;
  private readonly returned = new Set<string>();
  private readonly inFlight = new Map<string, (err: Error) => void>();
  private attemptSeq = 0;
  private drained: Promise<void> = Promise.resolve();
  private releaseDrained?: () => void;

  constructor(private readonly connection: AmqpConnection) {
    connection.on('connected', (conn) => void this.openChannel(conn));
    connection.on('disconnected', () => this.dropChannel('connection lost'));
    if (connection.connection) void this.openChannel(connection.connection);
  }

  get isReady(): boolean {
    return this.channel !== undefined;
  }

  async publish(req: PublishRequest): Promise<void> {
    await this.drained;
    const channel = this.channel;
    if (!channel) throw new PublishFailedError('NOT_CONNECTED', 'no AMQP channel: broker unreachable');
    const attemptId = `${process.pid}-${++this.attemptSeq}`;
    const options: Options.Publish = {
      mandatory: true,
      persistent: true,
      contentType: req.contentType ?? 'application/json',
      contentEncoding: req.contentEncoding,
      messageId: req.messageId,
      type: req.type,
      correlationId: req.correlationId,
      appId: req.appId,
      timestamp: Math.floor(Date.now() / 1000),
      headers: { ...req.headers, [PUBLISH_ATTEMPT_HEADER]: attemptId },
    };
    return new Promise<void>((resolve, reject) => {
      this.inFlight.set(attemptId, reject);
      const writable = channel.publish(req.exchange, req.routingKey, req.body, options, (err) => {
        this.inFlight.delete(attemptId);
        if (err) {
          this.returned.delete(attemptId);
          reject(new PublishFailedError('NACKED', `broker did not confirm ${req.messageId}: ${String(err)}`));
        } else if (this.returned.delete(attemptId)) {
          reject(
            new PublishFailedError('UNROUTABLE', `no queue bound for ${req.exchange}/${req.routingKey}`),
          );
        } else {
          resolve();
        }
      });
      if (!writable) this.waitForDrain(channel);
    });
  }

  // The socket buffer is full: later publishes wait for `drain` (or for the channel to go).
  private waitForDrain(channel: ConfirmChannel): void {
    this.drained = new Promise<void>((done) => {
      this.releaseDrained = done;
      channel.once('drain', () => done());
    });
  }

  private async openChannel(conn: ChannelModel): Promise<void> {
    try {
      const channel = await conn.createConfirmChannel();
      channel.on('return', (msg: ConsumeMessage) => {
        const attempt = msg.properties.headers?.[PUBLISH_ATTEMPT_HEADER] as string | undefined;
        if (attempt) this.returned.add(attempt);
      });
      channel.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'publish channel error'));
      channel.on('close', () => {
        if (this.channel !== channel) return;
        this.dropChannel('channel closed');
        this.connection.recycle(new Error('publish channel closed'));
      });
      this.channel = channel;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'could not open publish channel');
      this.connection.recycle(err as Error);
    }
  }

  private dropChannel(reason: string): void {
    this.channel = undefined;
    this.releaseDrained?.();
    this.drained = Promise.resolve();
    const pending = [...this.inFlight.values()];
    this.inFlight.clear();
    this.returned.clear();
    for (const reject of pending) reject(new PublishFailedError('CHANNEL_CLOSED', reason));
  }
}
