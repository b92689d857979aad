import { ALL_EXCHANGES, QueueDeclaration, ServiceTopology, dlqName, dlxName, messageCatalogue } from '@nemkonto/contracts';
import type { Channel } from 'amqplib';

// Quorum-queue arguments that make dead-lettering at-least-once on RabbitMQ ≥ 3.10: the
// strategy needs reject-publish overflow, and the DLX must be set explicitly (3.10 has no
// default delivery limit, 4.x drops after 20 without a DLX).
export function queueArguments(queue: QueueDeclaration): Record<string, unknown> {
  return {
    'x-queue-type': 'quorum',
    'x-delivery-limit': queue.deliveryLimit,
    'x-dead-letter-exchange': dlxName(queue.name),
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
    'x-max-length': queue.maxLength,
  };
}

// Declares everything the service touches, explicitly; nothing relies on auto-created objects.
// Declarations are idempotent, so every instance runs this on every (re)connect.
export async function declareTopology(channel: Channel, topology: ServiceTopology): Promise<void> {
  const exchanges = new Set<string>([...topology.publishesTo]);
  for (const queue of topology.queues) {
    for (const type of queue.consumes) exchanges.add(messageCatalogue[type].exchange);
  }
  for (const exchange of exchanges) {
    if (!ALL_EXCHANGES.includes(exchange as (typeof ALL_EXCHANGES)[number])) {
      throw new Error(`unknown exchange ${exchange}`);
    }
    await channel.assertExchange(exchange, 'topic', { durable: true, autoDelete: false });
  }
  for (const queue of topology.queues) {
    await channel.assertExchange(dlxName(queue.name), 'fanout', { durable: true, autoDelete: false });
    await channel.assertQueue(dlqName(queue.name), {
      durable: true,
      arguments: { 'x-queue-type': 'quorum' },
    });
    await channel.bindQueue(dlqName(queue.name), dlxName(queue.name), '');
    await channel.assertQueue(queue.name, { durable: true, arguments: queueArguments(queue) });
    for (const type of queue.consumes) {
      await channel.bindQueue(queue.name, messageCatalogue[type].exchange, type);
    }
  }
}
