import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import { ChannelModel, connect } from 'amqplib';
import { BackoffPolicy, DEFAULT_BACKOFF, backoffDelay } from './backoff';

const CONNECT_TIMEOUT_MS = 10_000;

export interface AmqpConnectionOptions {
  readonly url: string;
  // Shown in the broker's connection list; never put personal data here.
  readonly connectionName: string;
  readonly heartbeatSeconds?: number;
  readonly backoff?: BackoffPolicy;
}

export interface AmqpConnectionEvents {
  connected: [ChannelModel];
  disconnected: [Error];
}

// One AMQP connection that comes back after the broker or the network goes away. Users react to
// `connected` (open channels, declare topology, consume) and `disconnected` (forget channels).
// Any unexpected channel error is handled by recycling the whole connection, so there is a
// single recovery path.
export class AmqpConnection extends EventEmitter<AmqpConnectionEvents> {
  private readonly logger: Logger;
  private current?: ChannelModel;
  private closing = false;
  private attempt = 0;
  private retryTimer?: NodeJS.Timeout;
  private connecting?: Promise<void>;

  constructor(private readonly options: AmqpConnectionOptions) {
    super();
    this.logger = new Logger(`AmqpConnection:${options.connectionName}`);
  }

  get connection(): ChannelModel | undefined {
    return this.current;
  }

  get isConnected(): boolean {
    return this.current !== undefined;
  }

  // Resolves once the first connection is up; keeps retrying with backoff until then.
  start(): Promise<void> {
    this.closing = false;
    this.connecting ??= new Promise<void>((resolve) => {
      this.once('connected', () => resolve());
      void this.tryConnect();
    });
    return this.connecting;
  }

  // Drop the connection and reconnect (used after a channel-level error).
  recycle(reason: Error): void {
    const conn = this.current;
    if (!conn || this.closing) return;
    this.logger.warn({ err: reason.message }, 'recycling AMQP connection');
    conn.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.retryTimer);
    const conn = this.current;
    this.current = undefined;
    if (conn) await conn.close().catch(() => undefined);
  }

  private async tryConnect(): Promise<void> {
    if (this.closing) return;
    try {
      const conn = await connect(withHeartbeat(this.options.url, this.options.heartbeatSeconds ?? 30), {
        clientProperties: { connection_name: this.options.connectionName },
        // A broker that is starting may accept the TCP connection and never finish the handshake:
        // without a timeout that attempt would hang, and the service never reconnect.
        timeout: CONNECT_TIMEOUT_MS,
      });
      if (this.closing) {
        await conn.close().catch(() => undefined);
        return;
      }
      conn.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'AMQP connection error'));
      conn.on('close', () => this.onClosed(conn));
      conn.on('blocked', (reason: string) => this.logger.warn({ reason }, 'broker blocked publishing'));
      this.current = conn;
      this.attempt = 0;
      this.logger.log('AMQP connection established');
      this.emit('connected', conn);
    } catch (err) {
      this.scheduleRetry(err as Error);
    }
  }

  private onClosed(conn: ChannelModel): void {
    if (this.current !== conn) return;
    this.current = undefined;
    if (this.closing) return;
    const err = new Error('AMQP connection lost');
    this.emit('disconnected', err);
    this.scheduleRetry(err);
  }

  private scheduleRetry(err: Error): void {
    if (this.closing) return;
    const delay = backoffDelay(this.attempt++, this.options.backoff ?? DEFAULT_BACKOFF);
    this.logger.warn(
      { err: err.message, retryInMs: delay, attempt: this.attempt },
      'AMQP connect failed; retrying',
    );
    this.retryTimer = setTimeout(() => void this.tryConnect(), delay);
  }
}

// amqplib reads the heartbeat from the URL; an explicit one in the URL wins.
function withHeartbeat(url: string, seconds: number): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(seconds));
  return parsed.toString();
}
