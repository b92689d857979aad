import { GatewayHandlerName, gatewayPattern } from '@nemkonto/contracts';
import { EventPattern } from '@nestjs/microservices';
import type { ConsumeMessage } from 'amqplib';
import { createHash } from 'node:crypto';
import { MessageContext } from './message-context';

// A document a partner published (a bundle, a stop request, a bank answer), as delivered.
export interface PartnerDocument {
  // The partner's own message-id, or, when it sent none, the SHA-256 of the body.
  readonly documentId: string;
  // The RabbitMQ user that published it. The broker refuses a user-id property that differs from
  // the connection's user, so this is the authenticated sender (null when the property is absent).
  readonly userId: string | null;
  readonly type: string | null;
  readonly routingKey: string;
  readonly body: Buffer;
}

export function partnerDocumentOf(msg: ConsumeMessage): PartnerDocument {
  const props = msg.properties as { messageId?: unknown; userId?: unknown; type?: unknown };
  const given = typeof props.messageId === 'string' && props.messageId.length > 0 ? props.messageId : null;
  return {
    documentId: (given ?? createHash('sha256').update(msg.content).digest('hex')).slice(0, 100),
    userId: typeof props.userId === 'string' && props.userId.length > 0 ? props.userId : null,
    type: typeof props.type === 'string' ? props.type : null,
    routingKey: msg.fields.routingKey,
    body: msg.content,
  };
}

// The inbox key of a partner document: a UUID derived from the queue, the sender and its id, so a
// redelivery or a re-publish of the same document is recognised, and two partners' ids never clash.
export function partnerInboxId(queue: string, doc: PartnerDocument): string {
  const h = createHash('sha256')
    .update(`${queue}\n${doc.userId ?? ''}\n${doc.documentId}`)
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type GatewayHandlerMethod = (doc: PartnerDocument, ctx: MessageContext) => unknown;
const eventPattern = EventPattern as (pattern: string) => MethodDecorator;

// The handler of a gateway queue (see ServiceTopology.gateways). It runs like a message handler:
// inside the transaction that records the document in the inbox, acked after commit.
export function OnPartnerDocument(handler: GatewayHandlerName) {
  return <M extends GatewayHandlerMethod>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    eventPattern(gatewayPattern(handler))(target, key, descriptor);
  };
}
