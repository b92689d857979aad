// Messaging benchmark: N payments in chunks of 1,000 through the platform (outbox in Postgres →
// relay with confirms → quorum queue → Nest transport with inbox and a one-row effect), and the
// same bodies through bare amqplib (confirm channel → quorum queue → manual acks) in the same
// run, same process layout (producer and consumer in this one process), same broker and disk.
import { PaymentsReceivedV1, ServiceTopology } from '@nemkonto/contracts';
import {
  AmqpTransportStrategy,
  MessageContext,
  OnMessage,
  Outbox,
  createEnvelope,
  declareTopology,
} from '@nemkonto/platform-messaging';
import {
  OutboxInbox1764000000000,
  createServiceDataSource,
  migrateServiceSchema,
} from '@nemkonto/platform-persistence';
import { OutboxRelayService } from '@nemkonto/platform-service-kit';
import { createVhost, deleteVhost } from '@nemkonto/testing';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { connect } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

const CHUNK = 1000;
const phases: string[] = [];
const MESSAGES_PER_TX = 10;
const PREFETCH = 20;
const PRODUCERS = 4;
const args = process.argv.slice(2);
const payments = Number(args[args.indexOf('--payments') + 1] ?? 0) || 1_000_000;
if (payments % CHUNK !== 0) throw new Error('--payments must be a multiple of 1000');
const messages = payments / CHUNK;
const runId = `${Date.now().toString(36)}`;
const database = `nk_bench_${runId}`;
const vhost = `nk_bench_${runId}`;
const adminUrl = process.env['NK_BENCH_ADMIN_DB_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbUrl = adminUrl.replace(/\/[^/]*$/, `/${database}`);
const amqpUrl = `${process.env['NK_BENCH_AMQP_URL'] ?? 'amqp://guest:guest@127.0.0.1:5672'}/${vhost}`;

const topology: ServiceTopology = {
  service: 'account-enrichment',
  publishesTo: ['nemkonto.payments'],
  queues: [
    {
      name: 'bench.payments-received',
      consumes: ['payments.received'],
      prefetch: PREFETCH,
      deliveryLimit: 5,
      maxLength: 1_000_000,
    },
  ],
};

class Effects1764000000001 implements MigrationInterface {
  name = 'Effects1764000000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE effects (message_id uuid PRIMARY KEY, payments int NOT NULL)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE effects');
  }
}

@Controller()
class BenchHandler {
  @OnMessage('payments.received')
  async handle(@Payload() payload: PaymentsReceivedV1, @Ctx() ctx: MessageContext): Promise<void> {
    await ctx.manager.query('INSERT INTO effects (message_id, payments) VALUES ($1, $2)', [
      ctx.envelope.messageId,
      payload.payments.length,
    ]);
  }
}

@Module({ controllers: [BenchHandler] })
class BenchModule {}

function chunk(index: number): PaymentsReceivedV1 {
  return {
    bundleKey: `bench-${index}`,
    authorityId: 'udbetaling-danmark',
    chunkIndex: index,
    chunkCount: messages,
    debitAccount: { regNo: '1234', accountNo: '0001234567' },
    payments: Array.from({ length: CHUNK }, (_, i) => ({
      paymentId: randomUUID(),
      endToEndId: `E2E${index.toString().padStart(6, '0')}${i.toString().padStart(4, '0')}`,
      amountOre: 10_000 + i,
      creditor: { kind: 'CPR' as const, value: `0101${String(500000 + i).slice(-6)}` },
      creditorAccount: null,
      benefitType: 'BOERNEYDELSE',
      requestedExecutionDate: '2026-12-01',
      adviceText: 'Børne- og ungeydelse',
    })),
  };
}

function progress(label: string, done: number, total: number, started: number): void {
  const pct = Math.floor((done / total) * 100);
  process.stderr.write(
    `\r  ${label}: ${String(pct).padStart(3)}% (${done}/${total} messages, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

async function waitFor(
  label: string,
  total: number,
  count: () => Promise<number>,
  started: number,
): Promise<number> {
  for (;;) {
    const done = await count();
    progress(label, done, total, started);
    if (done >= total) {
      process.stderr.write('\n');
      return Date.now();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function platformRun(bodies: PaymentsReceivedV1[]): Promise<number> {
  const ds: DataSource = createServiceDataSource({
    url: dbUrl,
    schema: 'bench',
    applicationName: 'bench',
    poolSize: PREFETCH + 4,
    migrations: [OutboxInbox1764000000000, Effects1764000000001],
  });
  await ds.initialize();
  await migrateServiceSchema(ds);
  const outbox = new Outbox('bench');
  const strategy = new AmqpTransportStrategy({ url: amqpUrl, topology, dataSource: ds, outbox });
  const app = await NestFactory.createMicroservice(BenchModule, { strategy, logger: ['error'] });
  await app.listen();
  const relay = new OutboxRelayService('account-enrichment', relayConfig(), ds);
  relay.onApplicationBootstrap();

  const started = Date.now();
  // Producers write concurrently, as a service does with several requests or chunks in flight.
  let next = 0;
  const producer = async (): Promise<void> => {
    while (next < bodies.length) {
      const batch = bodies.slice(next, (next += MESSAGES_PER_TX));
      await ds.transaction((m) =>
        outbox.enqueueMany(
          m,
          batch.map((payload) => ({ type: 'payments.received' as const, payload })),
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: PRODUCERS }, producer));
  const enqueued = Date.now();
  const sentCount = async (): Promise<number> =>
    Number(
      ((await ds.query('SELECT count(*)::int n FROM outbox WHERE sent_at IS NOT NULL')) as { n: number }[])[0]
        ?.n,
    );
  const count = async (): Promise<number> =>
    Number(((await ds.query('SELECT count(*)::int n FROM effects')) as { n: number }[])[0]?.n);
  const relayed = await waitFor('  relayed', bodies.length, sentCount, started);
  const finished = await waitFor('platform', bodies.length, count, started);
  phases.push(
    `enqueue ${enqueued - started} ms, all relayed at ${relayed - started} ms, all consumed at ${finished - started} ms`,
  );
  await relay.onApplicationShutdown();
  await app.close();
  await ds.destroy();
  return finished - started;
}

function relayConfig(): ConstructorParameters<typeof OutboxRelayService>[1] {
  return {
    NK_HTTP_PORT: 0,
    NK_DB_URL: dbUrl,
    NK_DB_SCHEMA: 'bench',
    NK_DB_POOL_SIZE: 4,
    NK_AMQP_URL: amqpUrl,
    NK_LOG_LEVEL: 'error',
    NK_OTEL_ENABLED: false,
    NK_OUTBOX_POLL_MS: 50,
    NK_OUTBOX_BATCH: 50,
    NK_SHUTDOWN_TIMEOUT_MS: 5_000,
  };
}

async function rawRun(bodies: Buffer[]): Promise<number> {
  const conn = await connect(amqpUrl);
  const setup = await conn.createChannel();
  const rawTopology: ServiceTopology = {
    ...topology,
    queues: [{ ...topology.queues[0]!, name: 'bench.raw' }],
  };
  await declareTopology(setup, rawTopology);
  await setup.close();
  const consumerConn = await connect(amqpUrl);
  const consumer = await consumerConn.createChannel();
  await consumer.prefetch(PREFETCH, false);
  let acked = 0;
  const started = Date.now();
  await consumer.consume('bench.raw', (msg) => {
    if (!msg) return;
    consumer.ack(msg);
    acked++;
  });
  const publisher = await conn.createConfirmChannel();
  for (const body of bodies) {
    const ok = publisher.publish('nemkonto.payments', 'payments.received', body, {
      persistent: true,
      mandatory: true,
      messageId: randomUUID(),
    });
    if (!ok) await new Promise((r) => publisher.once('drain', r));
  }
  await publisher.waitForConfirms();
  const finished = await waitFor('bare amqplib', bodies.length, async () => acked, started);
  await consumerConn.close();
  await conn.close();
  return finished - started;
}

async function main(): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await createVhost(vhost);
  try {
    process.stderr.write(
      `messaging benchmark: ${payments.toLocaleString('en')} payments in ${messages} messages of ${CHUNK}\n`,
    );
    process.stderr.write('  building payloads…\n');
    const payloads = Array.from({ length: messages }, (_, i) => chunk(i));
    const rawBodies = payloads.map((p) =>
      Buffer.from(JSON.stringify(createEnvelope('payments.received', p, { producer: 'bench' }))),
    );
    const mb = rawBodies.reduce((s, b) => s + b.length, 0) / 1e6;
    const rawMs = await rawRun(rawBodies);
    const platformMs = await platformRun(payloads);
    const platformPaymentsPerSec = Math.round(payments / (platformMs / 1000));
    const rawPaymentsPerSec = Math.round(payments / (rawMs / 1000));
    const ratio = Number((platformPaymentsPerSec / rawPaymentsPerSec).toFixed(3));
    console.log(`\n  path                         seconds   payments/s   messages/s`);
    console.log(
      `  bare amqplib (baseline)     ${(rawMs / 1000).toFixed(2).padStart(8)}   ${String(rawPaymentsPerSec).padStart(10)}   ${Math.round(
        messages / (rawMs / 1000),
      )
        .toString()
        .padStart(10)}`,
    );
    console.log(
      `  platform (outbox…inbox)     ${(platformMs / 1000).toFixed(2).padStart(8)}   ${String(platformPaymentsPerSec).padStart(10)}   ${Math.round(
        messages / (platformMs / 1000),
      )
        .toString()
        .padStart(10)}`,
    );
    console.log(`  ${mb.toFixed(0)} MB of message bodies; ratio platform/raw = ${ratio}\n`);
    console.log(`  platform phases: ${phases.join('; ')}\n`);
    console.log(
      JSON.stringify({ bench: 'messaging', payments, platformPaymentsPerSec, rawPaymentsPerSec, ratio }),
    );
  } finally {
    await deleteVhost(vhost);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
