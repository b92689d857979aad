import { MessagePayload, MessageType } from '@nemkonto/contracts';
import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';
import { Envelope } from '../envelope/envelope-codec';
import { Outbox } from '../outbox/outbox';

export interface DeliveryInfo {
  readonly queue: string;
  readonly redelivered: boolean;
  readonly deliveryCount: number;
}

// What a handler gets besides its payload: the transaction its effect must use (the inbox row is
// already in it, and the ack waits for its commit) and a way to send follow-up messages in that
// same transaction, with correlation and causation filled in.
export class MessageContext extends BaseRpcContext<[Envelope, EntityManager, DeliveryInfo, Outbox]> {
  get envelope(): Envelope {
    return this.args[0];
  }

  get manager(): EntityManager {
    return this.args[1];
  }

  get delivery(): DeliveryInfo {
    return this.args[2];
  }

  send<T extends MessageType>(type: T, payload: MessagePayload<T>): Promise<Envelope<T>> {
    return this.args[3].enqueue(this.manager, type, payload, {
      correlationId: this.envelope.correlationId,
      causationId: this.envelope.messageId,
    });
  }
}
