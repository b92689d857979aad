import { GatewayQueueDeclaration, QueueDeclaration, dlxName } from './service-topology';

// Quorum-queue arguments that make dead-lettering at-least-once on RabbitMQ ≥ 3.10: the
// strategy needs reject-publish overflow, and the DLX must be set explicitly (3.10 has no
// default delivery limit; 4.x drops after 20 without a DLX).
export function queueArgumentsFor(
  queue: QueueDeclaration | GatewayQueueDeclaration,
): Record<string, unknown> {
  return {
    'x-queue-type': 'quorum',
    'x-delivery-limit': queue.deliveryLimit,
    'x-dead-letter-exchange': dlxName(queue.name),
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
    'x-max-length': queue.maxLength,
  };
}
