// The payment flow's services as processes (tools/e2e/flow-system.ts) with what the hostile
// specs need around them: uploads (whole, streamed, with a declared length), documents on the
// partner exchanges as the authority or the bank, the authority's answers and the bank's orders as
// they arrive, payment states, readiness and a process's memory.
import { PartnerExchanges, authorityAnswersQueue, dlqName } from '@nemkonto/contracts';
import { ReadAnswer, readPain002 } from '@nemkonto/payment-intake-pain002';
import { IntegrationContext, createIntegrationContext, expectEventually } from '@nemkonto/testing';
import { ChannelModel, ConfirmChannel, connect } from 'amqplib';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { FLOW_AUTHORITY, FLOW_BANK, FLOW_SERVICES, FlowService, FlowSystem } from '../e2e/flow-system';

export const OPERATOR_TOKEN = 'hostile-operator-token-0123456789';

export interface Upload {
  readonly status: number;
  readonly text: string;
  readonly answers: ReadAnswer[];
  // What the client got to send before the service answered.
  readonly bytesSent: number;
}

async function* once(body: Buffer): AsyncIterable<Buffer> {
  yield body;
}

export class HostileFlow {
  infra!: IntegrationContext;
  flow!: FlowSystem;
  // Every answer on the authority's queue, in arrival order.
  readonly answers: ReadAnswer[] = [];
  // Every order on the bank's queue (EDIFACT text).
  readonly orders: string[] = [];
  private conn?: ChannelModel;
  private ch?: ConfirmChannel;

  // `logDir`: each service's stdout (its JSON log) goes to `<logDir>/<service>.log`.
  async start(label: string, env: Readonly<Record<string, string>> = {}, logDir?: string): Promise<void> {
    this.infra = await createIntegrationContext(label);
    this.flow = new FlowSystem(this.infra, {
      logDir,
      env: {
        NK_OPERATOR_TOKEN_SHA256: createHash('sha256').update(OPERATOR_TOKEN).digest('hex'),
        NK_OUTBOX_POLL_MS: '50',
        ...env,
      },
    });
    await this.flow.prepare();
    await this.flow.start();
    this.conn = await connect(this.infra.amqpUrl);
    this.ch = await this.conn.createConfirmChannel();
    const ch = this.ch;
    await ch.consume(authorityAnswersQueue(FLOW_AUTHORITY.id), (m) => {
      if (!m) return;
      this.answers.push(readPain002(m.content.toString('utf8')));
      ch.ack(m);
    });
    const tap = await ch.assertQueue('', { exclusive: true });
    await ch.bindQueue(tap.queue, PartnerExchanges.bankOrders, FLOW_BANK.id);
    await ch.consume(tap.queue, (m) => m && this.orders.push(m.content.toString('latin1')), { noAck: true });
  }

  async dispose(): Promise<void> {
    await this.conn?.close().catch(() => undefined);
    await this.flow?.dispose();
    await this.infra?.dispose();
  }

  url(service: FlowService): string {
    return `http://127.0.0.1:${this.flow.ports[service]}`;
  }

  // POST /bundles as the authority: the body whole, a stream (chunked), or the start of a body
  // under a declared Content-Length. Resolves with the service's answer as soon as it comes.
  upload(
    body: string | Buffer | AsyncIterable<Buffer>,
    options: { declaredLength?: number; token?: string } = {},
  ): Promise<Upload> {
    const source =
      typeof body === 'string' ? once(Buffer.from(body, 'utf8')) : Buffer.isBuffer(body) ? once(body) : body;
    return new Promise<Upload>((resolve, reject) => {
      let bytesSent = 0;
      let answered = false;
      const req = request(
        `${this.url('payment-intake')}/bundles`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.token ?? FLOW_AUTHORITY.token}`,
            'content-type': 'application/xml',
            ...(options.declaredLength === undefined
              ? {}
              : { 'content-length': String(options.declaredLength) }),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => {
            answered = true;
            req.destroy();
            const parsed = (JSON.parse(text || '{}') as { answers?: { pain002: string }[] }).answers ?? [];
            resolve({
              status: res.statusCode ?? 0,
              text,
              answers: parsed.map((a) => readPain002(a.pain002)),
              bytesSent,
            });
          });
        },
      );
      req.on('error', (err) => {
        if (!answered) reject(err);
      });
      const closed = new Promise<void>((r) => req.once('close', r));
      void (async () => {
        for await (const chunk of source) {
          if (answered || req.destroyed) return;
          bytesSent += chunk.length;
          if (!req.write(chunk)) await Promise.race([new Promise((r) => req.once('drain', r)), closed]);
        }
        if (options.declaredLength === undefined && !req.destroyed) req.end();
      })().catch(reject);
    });
  }

  // A document on the authority exchange, as the authority's own broker user.
  async publishAsAuthority(body: Buffer): Promise<string> {
    const messageId = randomUUID();
    this.channel().publish(PartnerExchanges.authorityDocuments, FLOW_AUTHORITY.id, body, {
      persistent: true,
      messageId,
      userId: this.flow.brokerUser,
      type: 'pain.001.001.09',
      contentType: 'application/xml; charset=utf-8',
    });
    await this.channel().waitForConfirms();
    return messageId;
  }

  async publishAsBank(
    body: string,
    options: { type: string | null; withUserId?: boolean; messageId?: string },
  ): Promise<string> {
    const messageId = options.messageId ?? randomUUID();
    const xml = body.startsWith('<');
    this.channel().publish(
      PartnerExchanges.bankAnswers,
      FLOW_BANK.id,
      Buffer.from(body, xml ? 'utf8' : 'latin1'),
      {
        persistent: true,
        messageId,
        ...(options.withUserId === false ? {} : { userId: this.flow.brokerUser }),
        ...(options.type === null ? {} : { type: options.type }),
      },
    );
    await this.channel().waitForConfirms();
    return messageId;
  }

  async dlqDepth(queue: string): Promise<number> {
    return (await this.channel().checkQueue(dlqName(queue))).messageCount;
  }

  async query<T>(service: FlowService, sql: string, params: unknown[] = []): Promise<T[]> {
    return (await (await this.flow.db(service)).query(sql, params)) as T[];
  }

  async paymentState(endToEndId: string): Promise<string | null> {
    const [row] = await this.query<{ state: string }>(
      'payment-intake',
      'SELECT state FROM payments WHERE authority_id = $1 AND end_to_end_id = $2',
      [FLOW_AUTHORITY.id, endToEndId],
    );
    return row?.state ?? null;
  }

  // Every service answers /health/ready with 200 (database, relay and every consumer up).
  async expectAllReady(): Promise<void> {
    for (const service of FLOW_SERVICES) {
      const res = await fetch(`${this.url(service)}/health/ready`);
      expect([service, res.status]).toEqual([service, 200]);
    }
  }

  // Nothing in flight: no unsent outbox row and no message waiting in a service queue, twice in a row.
  async settle(): Promise<void> {
    await expectEventually(async () => expect(await this.flow.quiet()).toBe(true), { timeoutMs: 60_000 });
    await expectEventually(async () => expect(await this.flow.quiet()).toBe(true), { timeoutMs: 60_000 });
  }

  // Resident memory of a service process, in bytes.
  rss(service: FlowService): number {
    const pid = this.flow.pid(service);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) * 1024;
  }

  private channel(): ConfirmChannel {
    if (!this.ch) throw new Error('not started');
    return this.ch;
  }
}
