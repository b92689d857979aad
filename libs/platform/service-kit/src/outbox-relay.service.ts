import { ServiceName } from '@nemkonto/contracts';
import { AmqpConnection, ConfirmPublisher, OutboxRelay } from '@nemkonto/platform-messaging';
import { OutboxStore, pgPoolOf } from '@nemkonto/platform-persistence';
import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ServiceConfig } from './service-config';

const PURGE_EVERY_MS = 15 * 60_000;

// Runs the service's outbox relay on its own AMQP connection (publishers and consumers should
// not share one: broker flow control on publishing must not stall deliveries). Built by a
// factory in ServiceKitModule; Nest still runs its lifecycle hooks.
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly connection: AmqpConnection;
  private readonly publisher: ConfirmPublisher;
  private readonly relay: OutboxRelay;
  private readonly store: OutboxStore;
  private readonly retentionHours: number;
  private purgeTimer?: NodeJS.Timeout;

  constructor(service: ServiceName, config: ServiceConfig, dataSource: DataSource) {
    this.connection = new AmqpConnection({
      url: config.NK_AMQP_URL,
      connectionName: `${service}:relay:${process.pid}`,
    });
    this.publisher = new ConfirmPublisher(this.connection);
    this.relay = new OutboxRelay({
      pool: pgPoolOf(dataSource),
      listenConnection: {
        connectionString: config.NK_DB_URL,
        options: `-c search_path=${config.NK_DB_SCHEMA}`,
      },
      schema: config.NK_DB_SCHEMA,
      publisher: this.publisher,
      producer: service,
      batchSize: config.NK_OUTBOX_BATCH,
      pollIntervalMs: config.NK_OUTBOX_POLL_MS,
    });
    this.store = new OutboxStore(pgPoolOf(dataSource));
    this.retentionHours = config.NK_OUTBOX_RETENTION_HOURS;
  }

  // Sent rows are kept NK_OUTBOX_RETENTION_HOURS for inspection, then deleted in batches, so
  // the table (and anything sensitive in a sent body) does not grow without bound.
  async purgeSent(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.store.purgeSent(this.retentionHours, 10_000);
      total += n;
      if (n < 10_000) return total;
    }
  }

  get isConnected(): boolean {
    return this.publisher.isReady;
  }

  backlog(): ReturnType<OutboxRelay['backlog']> {
    return this.relay.backlog();
  }

  onApplicationBootstrap(): void {
    void this.connection.start();
    this.relay.start();
    this.purgeTimer = setInterval(() => {
      this.purgeSent().catch((err: unknown) =>
        new Logger(OutboxRelayService.name).warn({ err }, 'purging sent outbox rows failed; retried later'),
      );
    }, PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  // The relay finishes its batch (confirms awaited and recorded) before the connection closes.
  async onApplicationShutdown(signal?: string): Promise<void> {
    clearInterval(this.purgeTimer);
    await this.relay.stop();
    await this.connection.close();
    new Logger(OutboxRelayService.name).log({ signal }, 'outbox relay stopped; shutdown complete');
  }
}
