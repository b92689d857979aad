import {
  ALL_EXCHANGES,
  ServiceTopology,
  dlqName,
  dlxName,
  messageCatalogue,
  queueArgumentsFor,
} from '@nemkonto/contracts';
import type { Channel } from 'amqplib';

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
    await channel.assertQueue(queue.name, { durable: true, arguments: queueArgumentsFor(queue) });
    for (const type of queue.consumes) {
      await channel.bindQueue(queue.name, messageCatalogue[type].exchange, type);
    }
  }
}
