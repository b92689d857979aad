import { z } from 'zod';
import { PartnerDocumentTypes, PartnerExchanges, printLettersQueue } from '../partners/partner-exchanges';
import { payerLookupAnswerSchema, payerLookupBundleSchema } from '../partners/payer-lookup-documents';
import { SERVICE_NAMES, serviceTopologies } from '../topology/topologies';
import { GatewayQueueDeclaration, ServiceTopology } from '../topology/service-topology';

// The partner side of the AsyncAPI document: the exchanges where authorities' systems and banks'
// adapters publish and the queues they read, with the documents themselves (not envelopes).
interface PartnerMessage {
  readonly key: string;
  readonly type: string;
  readonly contentType: string;
  readonly summary: string;
  // JSON documents have a schema; XML and EDIFACT ones are described by their own standards.
  readonly schema?: z.ZodType;
}

const DOCUMENTS: readonly PartnerMessage[] = [
  {
    key: 'Pain001Bundle',
    type: PartnerDocumentTypes.pain001,
    contentType: 'application/xml; charset=utf-8',
    summary:
      'A payment bundle in the NemKonto usage profile (docs/pain001-profile.md); message-id = GrpHdr/MsgId.',
  },
  {
    key: 'Camt055StopRequest',
    type: PartnerDocumentTypes.camt055,
    contentType: 'application/xml; charset=utf-8',
    summary: 'A stop request for payments of earlier bundles (answer 5).',
  },
  {
    key: 'Pain002Answer',
    type: PartnerDocumentTypes.pain002,
    contentType: 'application/xml; charset=utf-8',
    summary:
      'A NemKonto answer (0, 1, 2, 5, 7, 8, 9) with its reason; message-id = the answer id, the same on a resend.',
  },
  {
    key: 'PaymulOrder',
    type: PartnerDocumentTypes.paymul,
    contentType: 'application/EDIFACT; charset=iso-8859-1',
    summary: 'A PAYMUL D.96A interchange; message-id = the UNB control reference (the same on a resend).',
  },
  {
    key: 'Pain001Order',
    type: PartnerDocumentTypes.pain001,
    contentType: 'application/xml; charset=utf-8',
    summary:
      'The pain.001 alternative for banks that chose it; message-id = GrpHdr/MsgId = the control reference.',
  },
  {
    key: 'ContrlAnswer',
    type: PartnerDocumentTypes.contrl,
    contentType: 'application/EDIFACT; charset=iso-8859-1',
    summary: "A bank's syntax acknowledgement of an interchange (accepted or rejected).",
  },
  {
    key: 'BanstaAnswer',
    type: PartnerDocumentTypes.bansta,
    contentType: 'application/EDIFACT; charset=iso-8859-1',
    summary: "A bank's status per payment: executed, or rejected with a reason (e.g. ACCOUNT_CLOSED).",
  },
  {
    key: 'Pain002BankAnswer',
    type: PartnerDocumentTypes.pain002,
    contentType: 'application/xml; charset=utf-8',
    summary:
      "A pain.001 bank's status report: group acceptance/rejection, or per payment (ISO reasons such as AC04).",
  },
  {
    key: 'PayerLookupBundle',
    type: PartnerDocumentTypes.payerLookupBundle,
    contentType: 'application/json; charset=utf-8',
    summary:
      "A private payer's lookup bundle: its bundle id and up to 10,000 items (the payer's reference and the party).",
    schema: payerLookupBundleSchema,
  },
  {
    key: 'PayerLookupAnswer',
    type: PartnerDocumentTypes.payerLookupAnswer,
    contentType: 'application/json; charset=utf-8',
    summary:
      'The answer to one bundle: one result per item in order, or the reason it was refused; message-id = answerId, correlation-id = bundleId.',
    schema: payerLookupAnswerSchema,
  },
  {
    key: 'CprCvrFeedEvent',
    type: PartnerDocumentTypes.feedEvent,
    contentType: 'application/json; charset=utf-8',
    summary:
      'One CPR or CVR change event with its source and sequence number (docs/cpr-cvr-feeds.md); message-id = source:sequenceNo.',
  },
  {
    key: 'Letter',
    type: PartnerDocumentTypes.letter,
    contentType: 'application/json; charset=utf-8',
    summary:
      'A letter to print and post: recipient name and CPR/CVR address, Danish text per template; message-id = the letter id.',
  },
];

const PUBLISHED: Record<string, readonly string[]> = {
  [PartnerExchanges.authorityDocuments]: ['Pain001Bundle', 'Camt055StopRequest'],
  [PartnerExchanges.authorityAnswers]: ['Pain002Answer'],
  [PartnerExchanges.bankOrders]: ['PaymulOrder', 'Pain001Order'],
  [PartnerExchanges.bankAnswers]: ['ContrlAnswer', 'BanstaAnswer', 'Pain002BankAnswer'],
  [PartnerExchanges.payerLookups]: ['PayerLookupBundle'],
  [PartnerExchanges.payerAnswers]: ['PayerLookupAnswer'],
  [PartnerExchanges.cprCvrFeed]: ['CprCvrFeedEvent'],
  [PartnerExchanges.letters]: ['Letter'],
};

const WHO: Record<string, { publisher: string; description: string }> = {
  [PartnerExchanges.authorityDocuments]: {
    publisher: "an authority's payment system",
    description:
      "Authorities' documents in; routing key = authority id; user-id must be the authority's broker user.",
  },
  [PartnerExchanges.authorityAnswers]: {
    publisher: 'payment-intake',
    description: 'Answers out; routing key = authority id; each authority reads authority.<id>.answers.',
  },
  [PartnerExchanges.bankOrders]: {
    publisher: 'bank-dispatch',
    description: "Payment orders out; routing key = bank id; each bank's adapter reads bank.<id>.orders.",
  },
  [PartnerExchanges.bankAnswers]: {
    publisher: "a bank's adapter",
    description: "Banks' answers in; routing key = bank id; user-id must be the bank's broker user.",
  },
  [PartnerExchanges.payerLookups]: {
    publisher: "a private payer's system",
    description:
      "Private payers' lookup bundles in; routing key = payer id; user-id must be the payer's broker user.",
  },
  [PartnerExchanges.payerAnswers]: {
    publisher: 'account-registry',
    description: 'Lookup answers out; routing key = payer id; each payer reads payer.<id>.answers.',
  },
  [PartnerExchanges.cprCvrFeed]: {
    publisher: 'the CPR and CVR feeds',
    description:
      "Change events in; routing key = source (CPR, CVR); user-id must be the broker user configured for the event's source.",
  },
  [PartnerExchanges.letters]: {
    publisher: 'cpr-cvr-sync',
    description:
      'Addressed letters out; routing key = the print service id; the print service reads print.letters.',
  },
};

const refs = (keys: readonly string[]): Record<string, { $ref: string }> =>
  Object.fromEntries(keys.map((k) => [k, { $ref: `#/components/messages/${k}` }]));

const amqpQueue = (name: string): Record<string, unknown> => ({
  amqp: {
    is: 'queue',
    queue: { name, durable: true, exclusive: false, autoDelete: false, vhost: 'nemkonto' },
    bindingVersion: '0.3.0',
  },
});

export function addPartnerChannels(
  channels: Record<string, unknown>,
  operations: Record<string, unknown>,
  messages: Record<string, unknown>,
): void {
  for (const d of DOCUMENTS) {
    messages[d.key] = {
      name: d.type,
      title: d.key,
      summary: d.summary,
      contentType: d.contentType,
      payload: d.schema
        ? z.toJSONSchema(d.schema, { unrepresentable: 'any', io: 'input' })
        : { type: 'string', description: `the ${d.type} document itself` },
      bindings: { amqp: { messageType: d.type, deliveryMode: 2, bindingVersion: '0.3.0' } },
      'x-partner-document': true,
    };
  }
  for (const [exchange, keys] of Object.entries(PUBLISHED)) {
    const who = WHO[exchange];
    channels[exchange] = {
      address: exchange,
      description: `Partner exchange (topic). ${who?.description ?? ''}`,
      messages: refs(keys),
      bindings: {
        amqp: {
          is: 'routingKey',
          exchange: { name: exchange, type: 'topic', durable: true, autoDelete: false, vhost: 'nemkonto' },
          bindingVersion: '0.3.0',
        },
      },
    };
    operations[`partnerPublishes${keys.join('')}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${exchange}` },
      messages: keys.map((k) => ({ $ref: `#/channels/${exchange}/messages/${k}` })),
      summary: `${who?.publisher ?? '?'} publishes to ${exchange}`,
      'x-service': who?.publisher,
    };
  }
  // Gateway queues: where the services take partners' documents in.
  for (const service of SERVICE_NAMES) {
    const topology: ServiceTopology = serviceTopologies[service];
    for (const g of topology.gateways ?? ([] as GatewayQueueDeclaration[])) {
      channels[g.name] = {
        address: g.name,
        description: `Gateway quorum queue of ${service}, bound to ${g.exchange} with '${g.bindingKey}'. The sender is the broker-validated user-id.`,
        messages: refs(PUBLISHED[g.exchange] ?? []),
        bindings: amqpQueue(g.name),
        'x-prefetch': g.prefetch,
      };
      operations[
        `${service.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}Receives${g.handler.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`
      ] = {
        action: 'receive',
        channel: { $ref: `#/channels/${g.name}` },
        summary: `${service} handles ${g.handler} in a transaction with its inbox, ack after commit`,
        'x-service': service,
      };
    }
  }
  // Each partner's own queue, declared by the service that writes to it.
  for (const [address, exchange, param, reader] of [
    [
      'authority.{authorityId}.answers',
      PartnerExchanges.authorityAnswers,
      'authorityId',
      'authorityReadsAnswers',
    ],
    ['bank.{bankId}.orders', PartnerExchanges.bankOrders, 'bankId', 'bankReadsOrders'],
    ['payer.{payerId}.answers', PartnerExchanges.payerAnswers, 'payerId', 'payerReadsAnswers'],
  ] as const) {
    channels[address] = {
      address,
      description: `The partner's own quorum queue, bound to ${exchange} with its id; its broker user may read only this queue.`,
      parameters: { [param]: { description: 'the partner id (letters, digits, - and _)' } },
      messages: refs(PUBLISHED[exchange] ?? []),
      bindings: amqpQueue(address),
    };
    operations[reader] = {
      action: 'receive',
      channel: { $ref: `#/channels/${address.replace(/\//g, '~1')}` },
      summary: `the partner reads ${address}`,
    };
  }
  // The print service's queue: one fixed address.
  const print = printLettersQueue();
  channels[print] = {
    address: print,
    description: `The print service's own quorum queue, bound to ${PartnerExchanges.letters}; its broker user may read only this queue.`,
    messages: refs(PUBLISHED[PartnerExchanges.letters] ?? []),
    bindings: amqpQueue(print),
  };
  operations['printServiceReadsLetters'] = {
    action: 'receive',
    channel: { $ref: `#/channels/${print}` },
    summary: `the print service reads ${print}`,
  };
}
