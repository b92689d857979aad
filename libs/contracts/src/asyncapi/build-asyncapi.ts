import { z } from 'zod';
import { MESSAGE_TYPES, messageCatalogue } from '../catalogue';
import { envelopeSchema } from '../envelope';
import { ALL_EXCHANGES } from '../exchanges';
import { SERVICE_NAMES, serviceTopologies } from '../topology/topologies';
import { dlqName, dlxName } from '../topology/service-topology';
import { queueArgumentsFor } from '../topology/queue-arguments';
import { addPartnerChannels } from './partner-asyncapi';

// The AsyncAPI 3 document is generated from the catalogue and the topologies, and the committed
// copy (docs/asyncapi.yaml) is checked against it by a test, so the two cannot drift apart.
export function buildAsyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {
    Envelope: z.toJSONSchema(envelopeSchema, { unrepresentable: 'any' }),
  };

  for (const type of MESSAGE_TYPES) {
    const entry = messageCatalogue[type];
    const key = messageKey(type);
    schemas[`${key}Payload`] = z.toJSONSchema(entry.schema, { unrepresentable: 'any', io: 'input' });
    messages[key] = {
      name: type,
      title: type,
      summary: entry.summary,
      contentType: 'application/json',
      headers: {
        type: 'object',
        properties: {
          traceparent: { type: 'string', description: 'W3C trace context of the sender' },
          tracestate: { type: 'string' },
          'x-correlation-id': { type: 'string' },
        },
      },
      payload: {
        allOf: [
          { $ref: '#/components/schemas/Envelope' },
          {
            type: 'object',
            properties: {
              type: { const: type },
              version: { const: entry.version },
              payload: { $ref: `#/components/schemas/${key}Payload` },
            },
          },
        ],
      },
      bindings: { amqp: { messageType: type, deliveryMode: 2, bindingVersion: '0.3.0' } },
      'x-producer': entry.producer,
      'x-version': entry.version,
    };
  }

  for (const exchange of ALL_EXCHANGES) {
    const types = MESSAGE_TYPES.filter((t) => messageCatalogue[t].exchange === exchange);
    channels[exchange] = {
      address: exchange,
      description: `Topic exchange; the routing key is the message type.`,
      messages: Object.fromEntries(
        types.map((t) => [messageKey(t), { $ref: `#/components/messages/${messageKey(t)}` }]),
      ),
      bindings: {
        amqp: {
          is: 'routingKey',
          exchange: { name: exchange, type: 'topic', durable: true, autoDelete: false, vhost: 'nemkonto' },
          bindingVersion: '0.3.0',
        },
      },
    };
    for (const t of types) {
      operations[`publish${messageKey(t)}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${escapeRef(exchange)}` },
        messages: [{ $ref: `#/channels/${escapeRef(exchange)}/messages/${messageKey(t)}` }],
        summary: `${messageCatalogue[t].producer} publishes ${t} through its outbox`,
        'x-service': messageCatalogue[t].producer,
      };
    }
  }

  for (const service of SERVICE_NAMES) {
    for (const queue of serviceTopologies[service].queues) {
      channels[queue.name] = {
        address: queue.name,
        description: `Quorum queue of ${service}. Dead letters go to ${dlxName(queue.name)} → ${dlqName(queue.name)}.`,
        messages: Object.fromEntries(
          queue.consumes.map((t) => [messageKey(t), { $ref: `#/components/messages/${messageKey(t)}` }]),
        ),
        bindings: {
          amqp: {
            is: 'queue',
            queue: {
              name: queue.name,
              durable: true,
              exclusive: false,
              autoDelete: false,
              vhost: 'nemkonto',
            },
            bindingVersion: '0.3.0',
          },
        },
        'x-arguments': queueArgumentsFor(queue),
        'x-prefetch': queue.prefetch,
        'x-bindings': queue.consumes.map((t) => ({ exchange: messageCatalogue[t].exchange, routingKey: t })),
      };
      operations[`${camel(service)}Consumes${camel(queue.name.split('.')[1] ?? queue.name)}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${escapeRef(queue.name)}` },
        summary: `${service} consumes with manual acks after its transaction commits`,
        'x-service': service,
      };
    }
  }

  addPartnerChannels(channels, operations, messages);

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Open NemKonto messaging',
      version: '1.0.0',
      description:
        'Every exchange, queue and message between the NemKonto services, and the partner exchanges and queues where authorities and banks exchange documents with them. Generated from libs/contracts by `npm run asyncapi`; a test fails when this document and the catalogue disagree.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:5672',
        protocol: 'amqp',
        pathname: '/nemkonto',
        description: 'RabbitMQ vhost nemkonto',
      },
    },
    channels,
    operations,
    components: { messages, schemas },
  };
}

function messageKey(type: string): string {
  return camel(type.replace('.', '-'));
}

function camel(value: string): string {
  return value
    .split(/[-.]/)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

// JSON pointer escaping for channel names with '/' (none today) and '~'.
function escapeRef(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}
