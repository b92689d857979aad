// cpr-cvr-sync as a real process on a test file's own schema and vhost, with what a test needs
// around it: a tap on everything it publishes, the feed as a publisher, the operator API.
import {
  Exchanges,
  MessagePayload,
  MessageType,
  PartnerDocumentTypes,
  PartnerExchanges,
  dlqName,
} from '@nemkonto/contracts';
import { FeedEvent, writeJsonFeedEvent } from '@nemkonto/cpr-cvr-sync-feed-format';
import { createEnvelope } from '@nemkonto/platform-messaging';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import {
  IntegrationContext,
  ServiceProcess,
  createIntegrationContext,
  openMigratedDataSource,
  startServiceProcess,
  testPort,
} from '@nemkonto/testing';
import { ChannelModel, ConfirmChannel, ConsumeMessage, GetMessage, connect } from 'amqplib';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SyncSchema1764000005000 } from '../migrations/sync-schema.migration';

export const OPERATOR_TOKEN = 'sync-operator-token-0123456789';

export interface Published {
  readonly type: string;
  readonly payload: unknown;
}

export class SyncServiceFixture {
  infra!: IntegrationContext;
  ds!: DataSource;
  readonly dropDir = mkdtempSync(join(tmpdir(), 'nk-sync-drop-'));
  readonly port = testPort();
  readonly published: Published[] = [];
  readonly letters: { messageId: string; body: Record<string, unknown> }[] = [];
  private service?: ServiceProcess;
  private conn?: ChannelModel;
  private ch?: ConfirmChannel;

  async start(label: string, env: Record<string, string> = {}): Promise<void> {
    this.infra = await createIntegrationContext(label);
    this.ds = await openMigratedDataSource(this.infra, [OutboxInbox1764000000000, SyncSchema1764000005000]);
    this.service = await startServiceProcess({
      entry: 'apps/cpr-cvr-sync/src/main.ts',
      port: this.port,
      readyPath: '/health/ready',
      timeoutMs: 90_000,
      env: {
        NK_HTTP_PORT: String(this.port),
        NK_DB_URL: this.infra.dbUrl,
        NK_DB_SCHEMA: this.infra.schema,
        NK_AMQP_URL: this.infra.amqpUrl,
        NK_LOG_LEVEL: 'warn',
        NK_OPERATOR_TOKEN_SHA256: createHash('sha256').update(OPERATOR_TOKEN).digest('hex'),
        NK_OUTBOX_POLL_MS: '50',
        NK_JOB_INTERVAL_MS: '200',
        NK_SYNC_DROP_DIR: this.dropDir,
        // The test publishes the feed as the vhost's user.
        NK_SYNC_FEED_USERS: 'CPR=guest,CVR=guest',
        ...env,
      },
    });
    this.conn = await connect(this.infra.amqpUrl);
    this.ch = await this.conn.createConfirmChannel();
    const tap = await this.ch.assertQueue('', { exclusive: true });
    await this.ch.bindQueue(tap.queue, Exchanges.sync, '#');
    await this.ch.consume(
      tap.queue,
      (m: ConsumeMessage | null) => {
        if (!m) return;
        const e = JSON.parse(m.content.toString()) as Published;
        this.published.push({ type: e.type, payload: e.payload });
      },
      { noAck: true },
    );
    // The print service's queue is declared by cpr-cvr-sync; the test reads it as the printer.
    await this.ch.consume(
      'print.letters',
      (m: ConsumeMessage | null) => {
        if (!m) return;
        this.letters.push({
          messageId: String(m.properties.messageId),
          body: JSON.parse(m.content.toString('utf8')) as Record<string, unknown>,
        });
      },
      { noAck: true },
    );
  }

  payloads<T extends MessageType>(type: T): MessagePayload<T>[] {
    return this.published.filter((p) => p.type === type).map((p) => p.payload as MessagePayload<T>);
  }

  // JSON events as the feed publishes them (user-id = the connection's user unless overridden).
  async feed(
    source: string,
    events: readonly FeedEvent[],
    props: { userId?: string | null; body?: string } = {},
  ): Promise<void> {
    const ch = this.ch as ConfirmChannel;
    for (const e of events) {
      ch.publish(
        PartnerExchanges.cprCvrFeed,
        source,
        Buffer.from(props.body ?? writeJsonFeedEvent(source, e)),
        {
          persistent: true,
          messageId: `${source}-${e.sequenceNo}`,
          ...(props.userId === null ? {} : { userId: props.userId ?? 'guest' }),
          type: PartnerDocumentTypes.feedEvent,
        },
      );
    }
    await ch.waitForConfirms();
  }

  async send<T extends MessageType>(
    type: T,
    payload: MessagePayload<T>,
    producer = 'account-registry',
  ): Promise<void> {
    const envelope = createEnvelope(type, payload, { producer });
    const ch = this.ch as ConfirmChannel;
    ch.publish(
      envelope.type.startsWith('registry.') ? Exchanges.registry : Exchanges.sync,
      type,
      Buffer.from(JSON.stringify(envelope)),
      {
        persistent: true,
        messageId: envelope.messageId,
      },
    );
    await ch.waitForConfirms();
  }

  async dlqDepth(queue: string): Promise<number> {
    const { messageCount } = await (this.ch as ConfirmChannel).checkQueue(dlqName(queue));
    return messageCount;
  }

  async dlqMessages(queue: string): Promise<GetMessage[]> {
    const out: GetMessage[] = [];
    for (;;) {
      const m = await (this.ch as ConfirmChannel).get(dlqName(queue), { noAck: true });
      if (m === false) return out;
      out.push(m);
    }
  }

  async http(
    method: string,
    path: string,
    body?: Buffer | string,
    token: string | null = OPERATOR_TOKEN,
  ): Promise<{ status: number; json: unknown; text: string }> {
    const res = await fetch(`http://127.0.0.1:${this.port}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'text/plain; charset=iso-8859-1' }),
      },
      body,
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, json, text };
  }

  async stop(): Promise<void> {
    await this.conn?.close().catch(() => undefined);
    await this.service?.stop();
    await this.ds?.destroy();
    await this.infra?.dispose();
    rmSync(this.dropDir, { recursive: true, force: true });
  }
}
