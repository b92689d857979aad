import { IntegrationContext, TcpProxy, createIntegrationContext, expectEventually } from '@nemkonto/testing';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, propagation, trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { connect } from 'amqplib';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { register } from 'prom-client';
import { DataSource } from 'typeorm';
import { dlqName } from '@nemkonto/contracts';
import { createEnvelope } from '../envelope/envelope-codec';
import {
  TEST_QUEUE,
  countRows,
  enqueue,
  handlerGate,
  openHarnessDataSource,
  samplePayload,
  startConsumer,
  startRelay,
} from './test-harness';

jest.setTimeout(90_000);

const repoRoot = join(__dirname, '..', '..', '..', '..', '..');

describe('consumer faults, shutdown and tracing (real Postgres and RabbitMQ)', () => {
  let infra: IntegrationContext;
  let ds: DataSource;

  beforeAll(async () => {
    infra = await createIntegrationContext('faults');
    ds = await openHarnessDataSource(infra.dbUrl, infra.schema);
  });

  afterAll(async () => {
    await ds.destroy();
    await infra.dispose();
  });

  async function queueDepth(): Promise<number> {
    const conn = await connect(infra.amqpUrl);
    const ch = await conn.createChannel();
    const { messageCount } = await ch.checkQueue(TEST_QUEUE);
    await conn.close();
    return messageCount;
  }

  async function duplicatesSeen(): Promise<number> {
    const metric = await register.getSingleMetric('nk_messages_consumed_total')?.get();
    return (
      metric?.values.find((v) => v.labels['queue'] === TEST_QUEUE && v.labels['outcome'] === 'duplicate')
        ?.value ?? 0
    );
  }

  it('does not apply a message twice when the consumer is SIGKILLed after commit and before ack', async () => {
    const envelope = createEnvelope('payments.received', samplePayload('crash'), { producer: 'harness' });
    const child = spawn(
      process.execPath,
      [
        '-r',
        './tools/register.js',
        join(__dirname, 'kill-after-commit.fixture.ts'),
        infra.dbUrl,
        infra.schema,
        infra.amqpUrl,
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));

    const conn = await connect(infra.amqpUrl);
    const ch = await conn.createConfirmChannel();
    ch.publish('nemkonto.payments', 'payments.received', Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      messageId: envelope.messageId,
    });
    await ch.waitForConfirms();
    await conn.close();

    expect(await exited).toBe('SIGKILL');
    expect(await countRows(ds, 'SELECT count(*) n FROM effects')).toBe(1);
    // The broker requeued the unacked delivery when the connection died.
    await expectEventually(async () => expect(await queueDepth()).toBe(1));

    const before = await duplicatesSeen();
    const { app } = await startConsumer(ds, infra.amqpUrl);
    try {
      await expectEventually(async () => expect(await duplicatesSeen()).toBe(before + 1));
      await expectEventually(async () => expect(await queueDepth()).toBe(0));
      expect(await countRows(ds, 'SELECT count(*) n FROM effects')).toBe(1);
      expect(await countRows(ds, 'SELECT count(*) n FROM inbox')).toBe(1);
    } finally {
      await app.close();
      await ds.query('TRUNCATE effects, inbox, outbox');
    }
  });

  it('holds deliveries while the database is unreachable and applies them once it is back, dead-lettering none', async () => {
    // The consumer reaches Postgres through a proxy; the test's own connection does not.
    const dbUrl = new URL(infra.dbUrl);
    const proxy = new TcpProxy(dbUrl.hostname, Number(dbUrl.port || 5432));
    dbUrl.port = String(await proxy.start());
    dbUrl.hostname = '127.0.0.1';
    const consumerDs = await openHarnessDataSource(dbUrl.toString(), infra.schema);
    const { app } = await startConsumer(consumerDs, infra.amqpUrl);
    const held = async (): Promise<number> =>
      (await register.getSingleMetric('nk_deliveries_held_for_database_total')?.get())?.values.find(
        (v) => v.labels['queue'] === TEST_QUEUE,
      )?.value ?? 0;
    const heldBefore = await held();
    const conn = await connect(infra.amqpUrl);
    try {
      await proxy.cut();
      const ch = await conn.createConfirmChannel();
      for (let i = 0; i < 5; i++) {
        const envelope = createEnvelope('payments.received', samplePayload(`outage-${i}`), {
          producer: 'harness',
        });
        ch.publish('nemkonto.payments', 'payments.received', Buffer.from(JSON.stringify(envelope)), {
          persistent: true,
          messageId: envelope.messageId,
        });
      }
      await ch.waitForConfirms();
      // Every delivery failed for want of the database (harness delivery limit: 3) and is held.
      await expectEventually(async () => expect(await held()).toBe(heldBefore + 5), { timeoutMs: 30_000 });
      expect((await ch.checkQueue(dlqName(TEST_QUEUE))).messageCount).toBe(0);
      await proxy.restore();
      await expectEventually(
        async () => expect(await countRows(ds, 'SELECT count(*) n FROM effects')).toBe(5),
        { timeoutMs: 30_000 },
      );
      await expectEventually(async () => expect(await queueDepth()).toBe(0));
      expect((await ch.checkQueue(dlqName(TEST_QUEUE))).messageCount).toBe(0);
    } finally {
      await proxy.restore().catch(() => undefined);
      await conn.close();
      await app.close();
      await consumerDs.destroy();
      await proxy.stop();
      await ds.query('TRUNCATE effects, inbox, outbox');
    }
  });

  it('shuts down gracefully: stops consuming, lets the handler in flight commit and ack', async () => {
    let release!: () => void;
    handlerGate.entered = 0;
    handlerGate.release = new Promise<void>((resolve) => (release = resolve));
    const { app, strategy } = await startConsumer(ds, infra.amqpUrl);
    const relay = await startRelay(ds, infra.amqpUrl, infra.schema, infra.dbUrl);
    try {
      await enqueue(ds, ['slow-1']);
      await expectEventually(() => expect(handlerGate.entered).toBe(1));
      const closing = app.close();
      await expectEventually(() => expect(strategy.consumerStatus().every((c) => !c.consuming)).toBe(true));
      release();
      await closing;
      expect(await countRows(ds, 'SELECT count(*) n FROM effects')).toBe(1);
      // Acked before the connection closed: nothing is left to redeliver.
      expect(await queueDepth()).toBe(0);
    } finally {
      await relay.stop();
      await ds.query('TRUNCATE effects, inbox, outbox');
    }
  });

  it('keeps one trace from the sender through the outbox relay to the consumer', async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
    const { app } = await startConsumer(ds, infra.amqpUrl);
    const relay = await startRelay(ds, infra.amqpUrl, infra.schema, infra.dbUrl);
    try {
      const traceId = await trace
        .getTracer('test')
        .startActiveSpan('authority uploads bundle', async (root) => {
          await enqueue(ds, ['traced']);
          root.end();
          return root.spanContext().traceId;
        });
      await expectEventually(() => {
        const consumerSpan = exporter.getFinishedSpans().find((s) => s.name === 'payments.received process');
        expect(consumerSpan?.spanContext().traceId).toBe(traceId);
      });
      const producerSpan = exporter.getFinishedSpans().find((s) => s.name === 'payments.received publish');
      expect(producerSpan?.spanContext().traceId).toBe(traceId);
    } finally {
      await relay.stop();
      await app.close();
      trace.disable();
      propagation.disable();
      context.disable();
      await ds.query('TRUNCATE effects, inbox, outbox');
    }
  });
});
