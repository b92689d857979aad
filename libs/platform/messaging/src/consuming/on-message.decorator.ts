import { MessagePayload, MessageType } from '@nemkonto/contracts';
import { EventPattern } from '@nestjs/microservices';
import { MessageContext } from './message-context';

type MessageHandlerMethod<T extends MessageType> = (
  payload: MessagePayload<T>,
  ctx: MessageContext,
) => unknown;

const eventPattern = EventPattern as (pattern: string) => MethodDecorator;

// `@EventPattern` bound to the message catalogue: the handler's payload type must be the
// catalogue's type for that message, so a contract change breaks the build, not production.
export function OnMessage<T extends MessageType>(type: T) {
  return <M extends MessageHandlerMethod<T>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    eventPattern(type)(target, key, descriptor);
  };
}
