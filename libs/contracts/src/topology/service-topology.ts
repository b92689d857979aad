import { ExchangeName } from '../exchanges';
import { MessageType } from '../catalogue';

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

export interface ServiceTopology {
  readonly service: string;
  readonly publishesTo: readonly ExchangeName[];
  readonly queues: readonly QueueDeclaration[];
}

export const dlxName = (queue: string): string => `${queue}.dlx`;
export const dlqName = (queue: string): string => `${queue}.dlq`;
