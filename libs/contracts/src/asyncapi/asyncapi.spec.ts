import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { MESSAGE_TYPES, messageCatalogue } from '../catalogue';
import {
  ALL_PARTNER_EXCHANGES,
  authorityAnswersQueue,
  payerAnswersQueue,
} from '../partners/partner-exchanges';
import { ServiceTopology } from '../topology/service-topology';
import { SERVICE_NAMES, serviceTopologies } from '../topology/topologies';
import { buildAsyncApiDocument } from './build-asyncapi';

interface AsyncApiDoc {
  channels: Record<
    string,
    { address: string; messages: Record<string, { $ref: string }>; 'x-bindings'?: unknown[] }
  >;
  components: {
    messages: Record<
      string,
      { name: string; 'x-version': number; 'x-producer': string; 'x-partner-document'?: boolean }
    >;
  };
}

const committed = load(
  readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'asyncapi.yaml'), 'utf8'),
) as AsyncApiDoc;

describe('docs/asyncapi.yaml', () => {
  it('is exactly what the catalogue and topologies generate (run `npm run asyncapi` after a contract change)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument())));
  });

  it('describes every catalogue message with its version and producer', () => {
    const described = Object.values(committed.components.messages);
    const envelopes = described.filter((m) => !m['x-partner-document']);
    expect(envelopes.map((m) => m.name).sort()).toEqual([...MESSAGE_TYPES].sort());
    for (const m of envelopes) {
      const entry = messageCatalogue[m.name as keyof typeof messageCatalogue];
      expect(m['x-version']).toBe(entry.version);
      expect(m['x-producer']).toBe(entry.producer);
    }
  });

  it('has a channel for every exchange carrying exactly its messages, and for every queue with its bindings', () => {
    const byName = new Map(Object.entries(committed.components.messages).map(([key, m]) => [m.name, key]));
    for (const type of MESSAGE_TYPES) {
      const channel = committed.channels[messageCatalogue[type].exchange];
      expect(Object.values(channel?.messages ?? {}).map((m) => m.$ref)).toContain(
        `#/components/messages/${byName.get(type)}`,
      );
    }
    for (const service of SERVICE_NAMES) {
      for (const queue of serviceTopologies[service].queues) {
        const channel = committed.channels[queue.name];
        expect(channel?.address).toBe(queue.name);
        expect(channel?.['x-bindings']).toEqual(
          queue.consumes.map((t) => ({ exchange: messageCatalogue[t].exchange, routingKey: t })),
        );
      }
    }
  });

  it("describes the partner exchanges, the gateway queues and each partner's own queue", () => {
    for (const exchange of ALL_PARTNER_EXCHANGES)
      expect(committed.channels[exchange]?.address).toBe(exchange);
    for (const service of SERVICE_NAMES) {
      const topology: ServiceTopology = serviceTopologies[service];
      const gateways = topology.gateways ?? [];
      for (const g of gateways)
        expect(Object.keys(committed.channels[g.name]?.messages ?? {}).length).toBeGreaterThan(0);
    }
    expect(Object.keys(committed.channels['bank.{bankId}.orders']?.messages ?? {})).toEqual([
      'PaymulOrder',
      'Pain001Order',
    ]);
    // The parameterised address is the queue-name function's shape.
    expect(authorityAnswersQueue('UDK')).toBe('authority.UDK.answers');
    expect(committed.channels['authority.{authorityId}.answers']?.address).toBe(
      'authority.{authorityId}.answers',
    );
    expect(payerAnswersQueue('ACME')).toBe('payer.ACME.answers');
    expect(Object.keys(committed.channels['payer.{payerId}.answers']?.messages ?? {})).toEqual([
      'PayerLookupAnswer',
    ]);
    expect(Object.keys(committed.channels['account-registry.payer-lookups']?.messages ?? {})).toEqual([
      'PayerLookupBundle',
    ]);
  });
});
