import { dlqName } from '@nemkonto/contracts';
import { IntegrationContext, TcpProxy, createIntegrationContext, expectEventually } from '@nemkonto/testing';
import { connect } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Outbox } from '../outbox/outbox';
import {
  RelayHandle,
  TEST_QUEUE,
  countRows,
  enqueue,
  openHarnessDataSource,
  startConsumer,
  startRelay,
} from './test-harness';
import { createEnvelope } from '../envelope/envelope-codec';
import { samplePayload } from './test-harness';

jest.setTimeout(90_000);

describe('outbox → relay → broker → inbox consumer (real Postgres and RabbitMQ)', () => {
  let infra: IntegrationContext;
  let ds: DataSource;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    infra = await createIntegrationContext('outbox');
    ds = await openHarnessDataSource(infra.dbUrl, infra.schema);
  });

  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
    await ds.query('TRUNCATE effects, inbox, outbox');
    const conn = await connect(infra.amqpUrl);
    const ch = await conn.createChannel();
    for (const q of [TEST_QUEUE, dlqName(TEST_QUEUE)]) await ch.purgeQueue(q).catch(() => undefined);
    await conn.close().catch(() => undefined);
  });

  afterAll(async () => {
    await ds.destroy();
    await infra.dispose();
  });

  async function consumer(): Promise<void> {
    const { app } = await startConsumer(ds, infra.amqpUrl);
    cleanups.push(() => app.close());
  }

  async function relay(url = infra.amqpUrl): Promise<RelayHandle> {
    const handle = await startRelay(ds, url, infra.schema, infra.dbUrl);
    cleanups.push(() => handle.stop());
    return handle;
  }

  async function rawPublish(body: Buffer, messageId: string): Promise<void> {
    const conn = await connect(infra.amqpUrl);
    const ch = await conn.createConfirmChannel();
    ch.publish('nemkonto.payments', 'payments.received', body, { persistent: true, messageId });
    await ch.waitForConfirms();
    await conn.close();
  }

  async function dlqDepth(): Promise<number> {
    const conn = await connect(infra.amqpUrl);
    const ch = await conn.createChannel();
    const { messageCount } = await ch.checkQueue(dlqName(TEST_QUEUE));
    await conn.close();
    return messageCount;
  }

  it('delivers every committed message once and marks it sent only after the confirm', async () => {
    await consumer();
    await relay();
    const ids = await enqueue(
      ds,
      Array.from({ length: 250 }, (_, i) => `bundle-${i}`),
    );
    await expectEventually(async () =>
      expect(await countRows(ds, 'SELECT count(*) n FROM effects')).toBe(250),
    );
    expect(
      await countRows(ds, 'SELECT count(DISTINCT message_id) n FROM effects WHERE message_id = ANY($1)', [
        ids,
      ]),
    ).toBe(250);
    await expectEventually(async () =>
      expect(await countRows(ds, 'SELECT count(*) n FROM outbox WHERE sent_at IS NULL')).toBe(0),
    );
  });

  it('publishes nothing from a transaction that rolled back', async () => {
    await consumer();
    await relay();
    const outbox = new Outbox('harness');
    await expect(
      ds.transaction(async (m) => {
        await outbox.enqueue(m, 'payments.received', samplePayload('rolled-back'));
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await enqueue(ds, ['committed']);
    await expectEventually(async () => expect(await countRows(ds, 'SELECT count(*) n FROM effects')).toBe(1));
    expect(await countRows(ds, `SELECT count(*) n FROM effects WHERE bundle_key = 'rolled-back'`)).toBe(0);
    expect(await countRows(ds, 'SELECT count(*) n FROM outbox')).toBe(1);
  });

  it('refuses to write outbox rows outside a transaction', async () => {
    await expect(
      new Outbox('harness').enqueue(ds.manager, 'payments.received', samplePayload('x')),
    ).rejects.toThrow(/inside the transaction/);
  });

  it('applies a redelivered message once, and dead-letters the same id with other content', async () => {
    await consumer();
    const envelope = createEnvelope('payments.received', samplePayload('dup'), { producer: 'harness' });
    const body = Buffer.from(JSON.stringify(envelope));
    await rawPublish(body, envelope.messageId);
    await rawPublish(body, envelope.messageId);
    const tampered = Buffer.from(JSON.stringify({ ...envelope, payload: samplePayload('tampered') }));
    await rawPublish(tampered, envelope.messageId);
    await expectEventually(async () => expect(await dlqDepth()).toBe(1));
    await expectEventually(async () =>
      expect(
        await countRows(ds, 'SELECT count(*) n FROM inbox WHERE message_id = $1', [envelope.messageId]),
      ).toBe(1),
    );
    expect(await countRows(ds, 'SELECT count(*) n FROM effects')).toBe(1);
    expect(await countRows(ds, `SELECT count(*) n FROM effects WHERE bundle_key = 'dup'`)).toBe(1);
  });

  it('dead-letters a poison message after the delivery limit while the messages behind it are processed', async () => {
    await consumer();
    await relay();
    await enqueue(ds, ['poison-1']);
    await enqueue(
      ds,
      Array.from({ length: 20 }, (_, i) => `healthy-${i}`),
    );
    await expectEventually(async () =>
      expect(await countRows(ds, 'SELECT count(*) n FROM effects')).toBe(20),
    );
    await expectEventually(async () => expect(await dlqDepth()).toBe(1));
    expect(await countRows(ds, `SELECT count(*) n FROM effects WHERE bundle_key LIKE 'poison%'`)).toBe(0);
  });

  it('dead-letters an undecodable message at once', async () => {
    await consumer();
    await rawPublish(Buffer.from('{"not":"an envelope"}'), randomUUID());
    await expectEventually(async () => expect(await dlqDepth()).toBe(1));
  });

  it('treats an unroutable publish as a failure and keeps the row for retry', async () => {
    // No consumer has declared its queue, so nothing is bound to the routing key.
    const conn = await connect(infra.amqpUrl);
    const ch = await conn.createChannel();
    await ch.assertExchange('nemkonto.payments', 'topic', { durable: true });
    await ch.deleteQueue(TEST_QUEUE).catch(() => undefined);
    await conn.close();
    const handle = await relay();
    const [id] = await enqueue(ds, ['unroutable']);
    await expectEventually(async () => {
      const rows = (await ds.query('SELECT last_error, sent_at FROM outbox WHERE message_id = $1', [id])) as {
        last_error: string | null;
        sent_at: Date | null;
      }[];
      expect(rows[0]?.sent_at).toBeNull();
      expect(rows[0]?.last_error).toMatch(/no queue bound/);
    });
    await expect(
      handle.publisher.publish({
        exchange: 'nemkonto.payments',
        routingKey: 'payments.received',
        body: Buffer.from('{}'),
        messageId: randomUUID(),
        type: 'payments.received',
        headers: {},
      }),
    ).rejects.toMatchObject({ reason: 'UNROUTABLE' });
    // Once a consumer declares its queue, the retried row goes through.
    await consumer();
    await expectEventually(
      async () => expect(await countRows(ds, 'SELECT count(*) n FROM effects')).toBe(1),
      {
        timeoutMs: 40_000,
      },
    );
  });

  it('publishes messages written while the broker was unreachable once it is back', async () => {
    await consumer();
    const proxy = new TcpProxy('127.0.0.1', 5672);
    const port = await proxy.start();
    cleanups.push(() => proxy.stop());
    await proxy.cut();
    const url = infra.amqpUrl.replace(':5672/', `:${port}/`);
    await relay(url);
    await enqueue(
      ds,
      Array.from({ length: 30 }, (_, i) => `offline-${i}`),
    );
    expect(await countRows(ds, 'SELECT count(*) n FROM outbox WHERE sent_at IS NULL')).toBe(30);
    await proxy.restore();
    await expectEventually(async () =>
      expect(await countRows(ds, 'SELECT count(*) n FROM effects')).toBe(30),
    );
  });

  it('survives losing the broker connection in the middle of relaying: every message applied exactly once', async () => {
    await consumer();
    const proxy = new TcpProxy('127.0.0.1', 5672);
    const port = await proxy.start();
    cleanups.push(() => proxy.stop());
    await relay(infra.amqpUrl.replace(':5672/', `:${port}/`));
    const ids = await enqueue(
      ds,
      Array.from({ length: 3000 }, (_, i) => `cut-${i}`),
      1,
    );
    // Cut the relay's connection while rows are being published and confirmed.
    await expectEventually(
      async () => expect(await countRows(ds, 'SELECT count(*) n FROM effects')).toBeGreaterThan(0),
      {
        intervalMs: 5,
      },
    );
    await proxy.cut();
    const sentBeforeCut = await countRows(ds, 'SELECT count(*) n FROM outbox WHERE sent_at IS NOT NULL');
    expect(sentBeforeCut).toBeLessThan(3000);
    await proxy.restore();
    await expectEventually(
      async () => expect(await countRows(ds, 'SELECT count(*) n FROM effects')).toBe(3000),
      {
        timeoutMs: 60_000,
      },
    );
    expect(
      await countRows(ds, 'SELECT count(DISTINCT message_id) n FROM effects WHERE message_id = ANY($1)', [
        ids,
      ]),
    ).toBe(3000);
    expect(await countRows(ds, 'SELECT count(*) n FROM inbox')).toBe(3000);
  });
});
