import {
  ALL_EXCHANGES,
  ALL_PARTNER_EXCHANGES,
  PartnerQueue,
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
  const partnerExchanges = new Set<string>([
    ...(topology.publishesToPartners ?? []),
    ...(topology.gateways ?? []).map((g) => g.exchange),
  ]);
  for (const exchange of partnerExchanges) {
    if (!ALL_PARTNER_EXCHANGES.includes(exchange as (typeof ALL_PARTNER_EXCHANGES)[number])) {
      throw new Error(`unknown partner exchange ${exchange}`);
    }
    await channel.assertExchange(exchange, 'topic', { durable: true, autoDelete: false });
  }
  const queues = [
    ...topology.queues.map((q) => ({
      queue: q,
      bindings: q.consumes.map((type) => [messageCatalogue[type].exchange, type] as const),
    })),
    ...(topology.gateways ?? []).map((g) => ({ queue: g, bindings: [[g.exchange, g.bindingKey] as const] })),
  ];
  for (const { queue, bindings } of queues) {
    await channel.assertExchange(dlxName(queue.name), 'fanout', { durable: true, autoDelete: false });
    await channel.assertQueue(dlqName(queue.name), {
      durable: true,
      arguments: { 'x-queue-type': 'quorum' },
    });
    await channel.bindQueue(dlqName(queue.name), dlxName(queue.name), '');
    await channel.assertQueue(queue.name, { durable: true, arguments: queueArgumentsFor(queue) });
    for (const [exchange, key] of bindings) await channel.bindQueue(queue.name, exchange, key);
  }
}

// Partners' own queues (an authority's answers, a bank's orders). A full queue refuses new
// messages (reject-publish): the outbox keeps them and retries, nothing is dropped.
export async function declarePartnerQueues(
  channel: Channel,
  queues: readonly PartnerQueue[],
  maxLength = 1_000_000,
): Promise<void> {
  for (const q of queues) {
    await channel.assertExchange(q.exchange, 'topic', { durable: true, autoDelete: false });
    await channel.assertQueue(q.name, {
      durable: true,
      arguments: { 'x-queue-type': 'quorum', 'x-overflow': 'reject-publish', 'x-max-length': maxLength },
    });
    await channel.bindQueue(q.name, q.exchange, q.routingKey);
  }
}
