import { PaymentsReceivedV1, ServiceTopology } from '@nemkonto/contracts';
import {
  OutboxInbox1764000000000,
  createServiceDataSource,
  migrateServiceSchema,
  pgPoolOf,
} from '@nemkonto/platform-persistence';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import type { INestMicroservice } from '@nestjs/common';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { AmqpConnection } from '../connection/amqp-connection';
import { AmqpTransportStrategy } from '../consuming/amqp-transport.strategy';
import { MessageContext } from '../consuming/message-context';
import { OnMessage } from '../consuming/on-message.decorator';
import { ConfirmPublisher } from '../publishing/confirm-publisher';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay } from '../outbox/outbox-relay';

export const TEST_QUEUE = 'harness.payments-received';

export const harnessTopology: ServiceTopology = {
  service: 'harness',
  publishesTo: ['nemkonto.payments'],
  queues: [
    {
      name: TEST_QUEUE,
      consumes: ['payments.received'],
      prefetch: 50,
      deliveryLimit: 3,
      maxLength: 1_000_000,
    },
  ],
};

class EffectsTable1764000000001 implements MigrationInterface {
  name = 'EffectsTable1764000000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE effects (message_id uuid NOT NULL, bundle_key text NOT NULL, payments int NOT NULL)`,
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE effects`);
  }
}

// Lets a test hold a handler mid-flight (graceful shutdown).
export const handlerGate = {
  entered: 0,
  release: Promise.resolve(),
};

// The effect under test: one row per processed message, deliberately without a unique key, so
// a message applied twice shows up as two rows.
@Controller()
class HarnessHandler {
  @OnMessage('payments.received')
  async onReceived(@Payload() payload: PaymentsReceivedV1, @Ctx() ctx: MessageContext): Promise<void> {
    if (payload.bundleKey.startsWith('poison')) throw new Error(`cannot process ${payload.bundleKey}`);
    if (payload.bundleKey.startsWith('slow')) {
      handlerGate.entered++;
      await handlerGate.release;
    }
    await ctx.manager.query(`INSERT INTO effects (message_id, bundle_key, payments) VALUES ($1, $2, $3)`, [
      ctx.envelope.messageId,
      payload.bundleKey,
      payload.payments.length,
    ]);
  }
}

@Module({ controllers: [HarnessHandler] })
class HarnessModule {}

export function samplePayload(bundleKey: string, payments = 3): PaymentsReceivedV1 {
  return {
    bundleKey,
    authorityId: 'udbetaling-danmark',
    chunkIndex: 0,
    chunkCount: 1,
    debitAccount: { regNo: '1234', accountNo: '0001234567' },
    noAccountPolicy: { kind: 'REJECT' },
    payments: Array.from({ length: payments }, (_, i) => ({
      paymentId: randomUUID(),
      endToEndId: `${bundleKey}-${i}`.slice(0, 35),
      amountOre: 10_000 + i,
      creditor: { kind: 'CVR' as const, value: '13748136' },
      creditorAccount: null,
      benefitType: 'BOERNEYDELSE',
      requestedExecutionDate: '2026-12-01',
      adviceText: 'Test',
    })),
  };
}

export async function openHarnessDataSource(dbUrl: string, schema: string): Promise<DataSource> {
  const ds = createServiceDataSource({
    url: dbUrl,
    schema,
    applicationName: 'harness',
    poolSize: 20,
    migrations: [OutboxInbox1764000000000, EffectsTable1764000000001],
  });
  await ds.initialize();
  await migrateServiceSchema(ds);
  return ds;
}

export async function startConsumer(
  dataSource: DataSource,
  amqpUrl: string,
  extra: Partial<ConstructorParameters<typeof AmqpTransportStrategy>[0]> = {},
): Promise<{ app: INestMicroservice; strategy: AmqpTransportStrategy }> {
  const strategy = new AmqpTransportStrategy({
    url: amqpUrl,
    topology: harnessTopology,
    dataSource,
    outbox: new Outbox('harness'),
    shutdownTimeoutMs: 5_000,
    ...extra,
  });
  const app = await NestFactory.createMicroservice(HarnessModule, { strategy, logger: false });
  await app.listen();
  return { app, strategy };
}

export interface RelayHandle {
  readonly relay: OutboxRelay;
  readonly connection: AmqpConnection;
  readonly publisher: ConfirmPublisher;
  stop(): Promise<void>;
}

export async function startRelay(
  dataSource: DataSource,
  amqpUrl: string,
  schema: string,
  dbUrl: string,
): Promise<RelayHandle> {
  const connection = new AmqpConnection({
    url: amqpUrl,
    connectionName: 'harness:relay',
    backoff: { initialMs: 50, maxMs: 500 },
  });
  const publisher = new ConfirmPublisher(connection);
  void connection.start();
  const relay = new OutboxRelay({
    pool: pgPoolOf(dataSource),
    listenConnection: { connectionString: dbUrl, options: `-c search_path=${schema}` },
    schema,
    publisher,
    producer: 'harness',
    batchSize: 100,
    pollIntervalMs: 100,
    leaseSeconds: 5,
  });
  relay.start();
  return {
    relay,
    connection,
    publisher,
    async stop() {
      await relay.stop();
      await connection.close();
    },
  };
}

export async function enqueue(
  dataSource: DataSource,
  bundleKeys: readonly string[],
  paymentsEach = 3,
): Promise<string[]> {
  const outbox = new Outbox('harness');
  return dataSource.transaction(async (manager) => {
    const envelopes = await outbox.enqueueMany(
      manager,
      bundleKeys.map((k) => ({
        type: 'payments.received' as const,
        payload: samplePayload(k, paymentsEach),
      })),
    );
    return envelopes.map((e) => e.messageId);
  });
}

export async function countRows(
  dataSource: DataSource,
  sql: string,
  params: unknown[] = [],
): Promise<number> {
  const rows = (await dataSource.query(sql, params)) as { n: number }[];
  return Number(rows[0]?.n ?? 0);
}
