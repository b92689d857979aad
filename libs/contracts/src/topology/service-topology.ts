import { ExchangeName } from '../exchanges';
import { MessageType } from '../catalogue';
import { PartnerExchangeName } from '../partners/partner-exchanges';

export interface QueueDeclaration {
  // LIVE NAME (see exchanges.ts): the queue holds messages on the broker across deployments.
  readonly name: string;
  readonly consumes: readonly MessageType[];
  // Unacknowledged deliveries per consumer; each message may carry up to 1,000 payments.
  readonly prefetch: number;
  // Failed deliveries before the broker dead-letters the message to `<name>.dlq`.
  readonly deliveryLimit: number;
  readonly maxLength: number;
}

// Handlers of partner documents (not envelopes); the Nest pattern is `gateway:<handler>`.
export type GatewayHandlerName = 'authority-documents' | 'bank-answers' | 'payer-lookups' | 'cpr-cvr-feed';

// A queue where partners' documents arrive (pain.001 from authorities, CONTRL/BANSTA from banks,
// lookup bundles from private payers).
export interface GatewayQueueDeclaration {
  // LIVE NAME, as for QueueDeclaration.
  readonly name: string;
  readonly exchange: PartnerExchangeName;
  readonly bindingKey: string;
  readonly handler: GatewayHandlerName;
  readonly prefetch: number;
  readonly deliveryLimit: number;
  readonly maxLength: number;
}

export interface ServiceTopology {
  readonly service: string;
  readonly publishesTo: readonly ExchangeName[];
  readonly queues: readonly QueueDeclaration[];
  // Partner exchanges the service publishes documents to (through its outbox).
  readonly publishesToPartners?: readonly PartnerExchangeName[];
  readonly gateways?: readonly GatewayQueueDeclaration[];
}

export const gatewayPattern = (handler: GatewayHandlerName): string => `gateway:${handler}`;

export const dlxName = (queue: string): string => `${queue}.dlx`;
export const dlqName = (queue: string): string => `${queue}.dlq`;
