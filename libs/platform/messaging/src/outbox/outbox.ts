import { MessagePayload, MessageType, messageCatalogue } from '@nemkonto/contracts';
import { OutboxRow, insertOutboxRows } from '@nemkonto/platform-persistence';
import { SpanKind, context, propagation, trace } from '@opentelemetry/api';
import { EntityManager } from 'typeorm';
import { Envelope, EnvelopeMeta, createEnvelope } from '../envelope/envelope-codec';
import { OutgoingDocument, partnerDocumentRow } from './partner-document';

export interface OutgoingMessage<T extends MessageType = MessageType> {
  readonly type: T;
  readonly payload: MessagePayload<T>;
}

export type CausalMeta = Omit<EnvelopeMeta, 'producer'>;

const tracer = trace.getTracer('nemkonto.messaging');

// The only way services send messages: rows written in the caller's transaction, published
// later by the OutboxRelay. The trace context of the sender is stored with the row so the
// consumer's span joins the sender's trace even though the relay publishes later.
export class Outbox {
  constructor(private readonly producer: string) {}

  async enqueue<T extends MessageType>(
    manager: EntityManager,
    type: T,
    payload: MessagePayload<T>,
    meta: CausalMeta = {},
  ): Promise<Envelope<T>> {
    const [envelope] = await this.enqueueMany(manager, [{ type, payload }], meta);
    return envelope as Envelope<T>;
  }

  async enqueueMany(
    manager: EntityManager,
    messages: readonly OutgoingMessage[],
    meta: CausalMeta = {},
  ): Promise<Envelope[]> {
    const envelopes: Envelope[] = [];
    const rows: OutboxRow[] = [];
    for (const message of messages) {
      const envelope = createEnvelope(message.type, message.payload, { ...meta, producer: this.producer });
      const span = tracer.startSpan(`${message.type} publish`, {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'rabbitmq',
          'messaging.operation.type': 'send',
          'messaging.destination.name': messageCatalogue[message.type].exchange,
          'messaging.message.id': envelope.messageId,
          'messaging.message.conversation_id': envelope.correlationId,
        },
      });
      const headers: Record<string, string> = {};
      propagation.inject(trace.setSpan(context.active(), span), headers);
      span.end();
      envelopes.push(envelope);
      rows.push({
        messageId: envelope.messageId,
        exchange: messageCatalogue[message.type].exchange,
        routingKey: message.type,
        messageType: message.type,
        body: Buffer.from(JSON.stringify(envelope)),
        headers: { ...headers, 'x-correlation-id': envelope.correlationId },
      });
    }
    await insertOutboxRows(manager, rows);
    return envelopes;
  }

  // Documents for partners (answers to authorities, payment orders to banks), in the caller's
  // transaction like every message.
  async enqueueDocuments(manager: EntityManager, documents: readonly OutgoingDocument[]): Promise<void> {
    if (documents.length === 0) return;
    const rows = documents.map((doc) => {
      const span = tracer.startSpan(`${doc.type} publish`, {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'rabbitmq',
          'messaging.operation.type': 'send',
          'messaging.destination.name': doc.exchange,
          'messaging.message.id': doc.documentId,
        },
      });
      const headers: Record<string, string> = {};
      propagation.inject(trace.setSpan(context.active(), span), headers);
      span.end();
      return partnerDocumentRow(doc, headers);
    });
    await insertOutboxRows(manager, rows);
  }
}
