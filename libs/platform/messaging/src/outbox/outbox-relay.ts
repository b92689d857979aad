import { Logger } from '@nestjs/common';
import { OutboxRow, OutboxStore, outboxNotifyChannel } from '@nemkonto/platform-persistence';
import { ROOT_CONTEXT, context, propagation } from '@opentelemetry/api';
import { Client, ClientConfig, Pool } from 'pg';
import { backoffDelay } from '../connection/backoff';
import { ConfirmPublisher } from '../publishing/confirm-publisher';
import { messagingMetrics } from '../messaging.metrics';
import { partnerDocumentProperties } from './partner-document';

export interface OutboxRelayOptions {
  readonly pool: Pool;
  // Connection settings for the dedicated LISTEN connection (it must not take a pool slot).
  readonly listenConnection: ClientConfig;
  readonly schema: string;
  readonly publisher: ConfirmPublisher;
  readonly producer: string;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  readonly leaseSeconds?: number;
  // Claim-publish cycles in flight at once: while one batch waits for its confirms, the next is
  // read from Postgres. SKIP LOCKED keeps them on different rows.
  readonly concurrency?: number;
}

// Moves committed outbox rows to the broker. Wakes on NOTIFY (sent by the writer's commit) and
// polls as a fallback; publishes a claimed batch with pipelined confirms and marks rows sent only
// after their confirm. Unconfirmed, returned or nacked rows stay pending and are retried with
// backoff, so the relay may publish a row twice (the consumer's inbox absorbs it) but never
// loses one.
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly store: OutboxStore;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly waiters = new Set<() => void>();
  private woken = false;
  private listener?: Client;
  private listenerRetry?: NodeJS.Timeout;

  constructor(private readonly options: OutboxRelayOptions) {
    this.store = new OutboxStore(options.pool, options.leaseSeconds ?? 30);
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen(0);
    this.loops = Array.from({ length: this.options.concurrency ?? 2 }, () => this.run());
  }

  // Finishes the batch in flight (its confirms are awaited and recorded), then stops.
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.listenerRetry);
    this.notify();
    await Promise.all(this.loops);
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }

  backlog(): ReturnType<OutboxStore['backlog']> {
    return this.store.backlog();
  }

  // One claim-publish-record cycle; returns how many rows it handled.
  async relayOnce(): Promise<number> {
    const rows = await this.store.claim(this.batchSize);
    if (rows.length === 0) return 0;
    const results = await Promise.allSettled(rows.map((row) => this.publish(row)));
    const sent: string[] = [];
    const failed = new Map<string, string[]>();
    rows.forEach(({ messageId: id }, i) => {
      const result = results[i] as PromiseSettledResult<void>;
      if (result.status === 'fulfilled') {
        sent.push(id);
      } else {
        const reason = String((result.reason as Error).message ?? result.reason);
        failed.set(reason, [...(failed.get(reason) ?? []), id]);
      }
    });
    await this.store.markSent(sent);
    for (const [reason, ids] of failed) {
      await this.store.markFailed(ids, reason, backoffDelay(2, { initialMs: 500, maxMs: 30_000 }));
      this.logger.warn({ reason, count: ids.length }, 'outbox publish failed; will retry');
    }
    messagingMetrics.published.inc({ producer: this.options.producer, outcome: 'confirmed' }, sent.length);
    messagingMetrics.published.inc(
      { producer: this.options.producer, outcome: 'retry' },
      rows.length - sent.length,
    );
    return rows.length;
  }

  private publish(row: OutboxRow): Promise<void> {
    // Publishing inside the sender's trace context keeps one trace across the relay hop.
    const parent = propagation.extract(ROOT_CONTEXT, row.headers);
    const document = partnerDocumentProperties(row);
    return context.with(parent, () =>
      this.options.publisher.publish({
        exchange: row.exchange,
        routingKey: row.routingKey,
        body: row.body,
        messageId: row.messageId,
        type: row.messageType,
        headers: row.headers,
        correlationId: row.headers['x-correlation-id'],
        appId: this.options.producer,
        ...document,
      }),
    );
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const handled = this.options.publisher.isReady ? await this.relayOnce() : 0;
        failures = 0;
        if (handled === this.batchSize) continue;
      } catch (err) {
        this.logger.error({ err: (err as Error).message }, 'outbox relay cycle failed');
        failures++;
      }
      await this.idle(
        failures > 0 ? backoffDelay(failures, { initialMs: 500, maxMs: 10_000 }) : this.pollIntervalMs,
      );
    }
  }

  // Waits for a NOTIFY, stop(), or the poll interval, whichever comes first. A NOTIFY that came
  // while every loop was busy is remembered, so the next idle loop re-checks at once.
  private idle(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  private notify(): void {
    if (this.waiters.size === 0) this.woken = true;
    for (const wake of [...this.waiters]) wake();
  }

  private async listen(attempt: number): Promise<void> {
    if (!this.running) return;
    const client = new Client(this.options.listenConnection);
    try {
      client.on('error', () => undefined);
      client.on('end', () => {
        if (this.listener !== client || !this.running) return;
        this.listener = undefined;
        this.listenerRetry = setTimeout(() => void this.listen(0), 1000);
      });
      client.on('notification', () => this.notify());
      await client.connect();
      await client.query(`LISTEN ${outboxNotifyChannel(this.options.schema)}`);
      this.listener = client;
      this.notify();
    } catch (err) {
      await client.end().catch(() => undefined);
      const delay = backoffDelay(attempt, { initialMs: 500, maxMs: 10_000 });
      this.logger.warn(
        { err: (err as Error).message, retryInMs: delay },
        'outbox LISTEN failed; polling meanwhile',
      );
      this.listenerRetry = setTimeout(() => void this.listen(attempt + 1), delay);
    }
  }
}
