import { GatewayQueueDeclaration, PartnerQueue, ServiceTopology, gatewayPattern } from '@nemkonto/contracts';
import { recordInbox } from '@nemkonto/platform-persistence';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { lastValueFrom } from 'rxjs';
import { DataSource } from 'typeorm';
import { AmqpConnection } from '../connection/amqp-connection';
import { backoffDelay } from '../connection/backoff';
import { declarePartnerQueues, declareTopology } from '../connection/declare-topology';
import { Envelope, bodyHash, decodeEnvelope } from '../envelope/envelope-codec';
import { messagingMetrics } from '../messaging.metrics';
import { Outbox } from '../outbox/outbox';
import { InboxConflictError } from './inbox-conflict.error';
import { DeliveryInfo, MessageContext } from './message-context';
import { isPermanentFailure } from './permanent-message.error';
import { partnerDocumentOf, partnerInboxId } from './partner-document';

export interface AmqpTransportOptions {
  readonly url: string;
  readonly topology: ServiceTopology;
  readonly dataSource: DataSource;
  readonly outbox: Outbox;
  readonly shutdownTimeoutMs?: number;
  // Partners' queues this service writes to (from its database); declared on every (re)connect
  // and refreshed periodically, so a newly registered partner gets its queue.
  readonly partnerQueues?: () => Promise<readonly PartnerQueue[]>;
  readonly partnerQueueRefreshMs?: number;
  // Fault injection for tests (e.g. die between commit and ack); never set in services.
  readonly hooks?: { readonly afterCommitBeforeAck?: (envelope: Envelope) => void };
}

export interface ConsumerStatus {
  readonly queue: string;
  readonly consuming: boolean;
}

type Decision = 'ack' | 'requeue' | 'dead-letter';
interface Outcome {
  readonly decision: Decision;
  readonly label: string;
}

const tracer = trace.getTracer('nemkonto.messaging');
const DATABASE_BACKOFF = { initialMs: 250, maxMs: 5_000 } as const;
const RETRY_BACKOFF = { initialMs: 100, maxMs: 2_000 } as const;
const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

// Nest custom transport over our own amqplib layer. Handlers stay ordinary `@EventPattern(type)`
// handlers; this class owns everything around them: topology, manual acks after the handler's
// transaction committed, the inbox, dead-lettering, reconnects and graceful shutdown.
export class AmqpTransportStrategy extends Server implements CustomTransportStrategy {
  private readonly connection: AmqpConnection;
  private channel?: Channel;
  private readonly consumerTags = new Map<string, string>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  private partnerRefresh?: NodeJS.Timeout;
  private readonly gateways: ReadonlyMap<string, GatewayQueueDeclaration>;

  constructor(private readonly options: AmqpTransportOptions) {
    super();
    this.gateways = new Map((options.topology.gateways ?? []).map((g) => [g.name, g]));
    this.connection = new AmqpConnection({
      url: options.url,
      connectionName: `${options.topology.service}:consumer:${process.pid}`,
    });
    this.connection.on('connected', (conn) => void this.setUp(conn));
    this.connection.on('disconnected', () => {
      this.channel = undefined;
      this.consumerTags.clear();
    });
  }

  listen(callback: (...optionalParams: unknown[]) => void): void {
    if (this.options.partnerQueues) {
      this.partnerRefresh = setInterval(
        () => void this.declarePartners(),
        this.options.partnerQueueRefreshMs ?? 30_000,
      ).unref();
    }
    this.connection.start().then(
      () => callback(),
      (err: unknown) => callback(err),
    );
  }

  on(): void {
    throw new Error('AmqpTransportStrategy does not support event listeners; use its status instead');
  }

  unwrap<T>(): T {
    return this.connection as T;
  }

  consumerStatus(): ConsumerStatus[] {
    return [...this.options.topology.queues, ...this.gateways.values()].map((q) => ({
      queue: q.name,
      consuming: this.channel !== undefined && this.consumerTags.has(q.name),
    }));
  }

  // Graceful: stop taking deliveries, let the ones in flight commit and ack, then close.
  async close(): Promise<void> {
    this.stopping = true;
    clearInterval(this.partnerRefresh);
    const channel = this.channel;
    if (channel) {
      for (const tag of this.consumerTags.values()) await channel.cancel(tag).catch(() => undefined);
    }
    this.consumerTags.clear();
    const timeout = new Promise<void>((resolve) =>
      setTimeout(resolve, this.options.shutdownTimeoutMs ?? 15_000).unref(),
    );
    await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    if (channel) await channel.close().catch(() => undefined);
    this.channel = undefined;
    await this.connection.close();
  }

  private async setUp(conn: ChannelModel): Promise<void> {
    if (this.stopping) return;
    try {
      const channel = await conn.createChannel();
      channel.on('error', (err: Error) => this.logger.warn?.(`consumer channel error: ${err.message}`));
      channel.on('close', () => {
        if (this.channel !== channel) return;
        this.channel = undefined;
        this.consumerTags.clear();
        if (!this.stopping) this.connection.recycle(new Error('consumer channel closed'));
      });
      await declareTopology(channel, this.options.topology);
      this.channel = channel;
      await this.declarePartners();
      for (const queue of [...this.options.topology.queues, ...this.gateways.values()]) {
        // Per-consumer prefetch (quorum queues refuse global QoS).
        await channel.prefetch(queue.prefetch, false);
        const { consumerTag } = await channel.consume(
          queue.name,
          (msg) => this.onDelivery(channel, queue.name, msg),
          {
            noAck: false,
          },
        );
        this.consumerTags.set(queue.name, consumerTag);
      }
    } catch (err) {
      this.logger.error(`could not set up consumers: ${(err as Error).message}`);
      this.connection.recycle(err as Error);
    }
  }

  // Declares partners' queues on the consumer channel. A failure is logged and retried at the next
  // refresh; until then the outbox holds documents for that partner (their publish is unroutable).
  async declarePartners(): Promise<void> {
    const channel = this.channel;
    if (!channel || !this.options.partnerQueues) return;
    try {
      await declarePartnerQueues(channel, await this.options.partnerQueues());
    } catch (err) {
      this.logger.warn?.(`could not declare partner queues: ${(err as Error).message}`);
    }
  }

  private onDelivery(channel: Channel, queue: string, msg: ConsumeMessage | null): void {
    if (msg === null) {
      // The broker cancelled the consumer (queue deleted or failed over): start over.
      this.connection.recycle(new Error(`consumer of ${queue} cancelled by broker`));
      return;
    }
    const work = this.handle(channel, queue, msg).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  private async handle(channel: Channel, queue: string, msg: ConsumeMessage): Promise<void> {
    const stopTimer = messagingMetrics.handlerSeconds.startTimer({ queue });
    let outcome = await this.process(queue, msg);
    // A failure while the database is unreachable is the database's, not the message's. The
    // delivery is held (unacknowledged) and processed again once the database answers: requeued,
    // it would come straight back, fail again and reach the delivery limit and the dead-letter
    // queue within a second of an outage.
    if (outcome.decision === 'requeue' && !(await this.databaseAnswers())) {
      messagingMetrics.heldForDatabase.inc({ queue });
      while (outcome.decision === 'requeue' && this.holding(channel)) {
        if (!(await this.waitForDatabase(channel))) break;
        outcome = await this.process(queue, msg);
        if (outcome.decision === 'requeue' && (await this.databaseAnswers())) break;
      }
    }
    // Any other failure is retried through the broker (counted towards the delivery limit),
    // after a pause, so a transient one (a deadlock) is not retried in a tight loop.
    if (outcome.decision === 'requeue' && this.holding(channel)) {
      await delay(backoffDelay(Number(msg.properties.headers?.['x-delivery-count'] ?? 0), RETRY_BACKOFF));
    }
    stopTimer();
    messagingMetrics.consumed.inc({ queue, outcome: outcome.label });
    // A delivery tag is only valid on the channel that delivered it. If that channel is gone,
    // the broker has requeued the message and the inbox will recognise the redelivery.
    if (this.channel !== channel) return;
    try {
      if (outcome.decision === 'ack') channel.ack(msg);
      else channel.nack(msg, false, outcome.decision === 'requeue');
    } catch (err) {
      this.logger.warn?.(`could not settle delivery: ${(err as Error).message}`);
    }
  }

  private holding(channel: Channel): boolean {
    return !this.stopping && this.channel === channel;
  }

  private async databaseAnswers(): Promise<boolean> {
    const probe = this.options.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    return Promise.race([probe, delay(5_000).then(() => false)]);
  }

  // Until the database answers (true), or the delivery is no longer ours to settle (false): the
  // channel went away (the broker requeued it) or the service is stopping.
  private async waitForDatabase(channel: Channel): Promise<boolean> {
    for (let attempt = 0; this.holding(channel); attempt++) {
      if (await this.databaseAnswers()) return this.holding(channel);
      await delay(backoffDelay(attempt, DATABASE_BACKOFF));
    }
    return false;
  }

  // A partner's document is handled as an envelope whose payload is the document: same inbox,
  // transaction, ack and failure rules as messages between services.
  private partnerEnvelope(gateway: GatewayQueueDeclaration, msg: ConsumeMessage): Envelope {
    const doc = partnerDocumentOf(msg);
    return {
      messageId: partnerInboxId(gateway.name, doc),
      type: gatewayPattern(gateway.handler),
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: doc.userId ?? 'unauthenticated',
      correlationId: doc.documentId,
      causationId: null,
      payload: doc,
    } as unknown as Envelope;
  }

  private async process(queue: string, msg: ConsumeMessage): Promise<Outcome> {
    const gateway = this.gateways.get(queue);
    const decoded = gateway
      ? ({ ok: true, envelope: this.partnerEnvelope(gateway, msg) } as const)
      : decodeEnvelope(msg.content);
    if (!decoded.ok) {
      this.logger.error(`dead-lettering undecodable message from ${queue}: ${decoded.reason}`);
      return { decision: 'dead-letter', label: 'invalid' };
    }
    const envelope = decoded.envelope;
    const handler = this.getHandlerByPattern(envelope.type);
    if (!handler) {
      this.logger.error(`dead-lettering ${envelope.type} from ${queue}: no handler registered`);
      return { decision: 'dead-letter', label: 'no-handler' };
    }
    const headers = (msg.properties.headers ?? {}) as Record<string, unknown>;
    const delivery: DeliveryInfo = {
      queue,
      redelivered: msg.fields.redelivered,
      deliveryCount: Number(headers['x-delivery-count'] ?? 0),
    };
    const parent = propagation.extract(ROOT_CONTEXT, headers);
    return context.with(parent, () =>
      tracer.startActiveSpan(
        `${envelope.type} process`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            'messaging.system': 'rabbitmq',
            'messaging.operation.type': 'process',
            'messaging.destination.name': queue,
            'messaging.message.id': envelope.messageId,
            'messaging.message.conversation_id': envelope.correlationId,
          },
        },
        async (span) => {
          try {
            const result = await this.runInTransaction(envelope, msg.content, delivery, handler);
            this.options.hooks?.afterCommitBeforeAck?.(envelope);
            span.setAttribute('nemkonto.inbox', result);
            return { decision: 'ack', label: result } satisfies Outcome;
          } catch (err) {
            span.recordException(err as Error);
            span.setStatus({ code: SpanStatusCode.ERROR });
            return this.classifyFailure(queue, envelope, delivery, err);
          } finally {
            span.end();
          }
        },
      ),
    );
  }

  private runInTransaction(
    envelope: Envelope,
    body: Buffer,
    delivery: DeliveryInfo,
    handler: NonNullable<ReturnType<Server['getHandlerByPattern']>>,
  ): Promise<'processed' | 'duplicate'> {
    return this.options.dataSource.transaction(async (manager) => {
      const inbox = await recordInbox(manager, envelope.messageId, envelope.type, bodyHash(body));
      if (inbox === 'duplicate') return 'duplicate';
      if (inbox === 'conflict') throw new InboxConflictError(envelope.messageId);
      const ctx = new MessageContext([envelope, manager, delivery, this.options.outbox]);
      const result: unknown = await handler(envelope.payload, ctx);
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      return 'processed';
    });
  }

  private classifyFailure(queue: string, envelope: Envelope, delivery: DeliveryInfo, err: unknown): Outcome {
    const message = err instanceof Error ? err.message : JSON.stringify(err);
    const ids = `${envelope.type} ${envelope.messageId} from ${queue}`;
    if (err instanceof InboxConflictError) {
      this.logger.error(`dead-lettering ${ids}: ${message}`);
      return { decision: 'dead-letter', label: 'conflict' };
    }
    if (isPermanentFailure(err)) {
      this.logger.error(`dead-lettering ${ids}: handler rejected it permanently: ${message}`);
      return { decision: 'dead-letter', label: 'rejected' };
    }
    this.logger.warn?.(
      `handler failed for ${ids} (delivery ${delivery.deliveryCount + 1}); requeueing: ${message}`,
    );
    return { decision: 'requeue', label: 'failed' };
  }
}
