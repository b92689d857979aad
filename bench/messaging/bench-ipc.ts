import { ServiceTopology } from '@nemkonto/contracts';

// Messages between the benchmark (publishing side) and its consumer child process.
export type ConsumerMode = 'raw' | 'platform';

export interface StartConsumer {
  readonly kind: 'start';
  readonly mode: ConsumerMode;
  readonly amqpUrl: string;
  readonly dbUrl: string;
  readonly schema: string;
  readonly topology: ServiceTopology;
  readonly expected: number;
}

export type ToConsumer = StartConsumer | { readonly kind: 'stop' };

export type FromConsumer =
  | { readonly kind: 'ready' }
  // Raw mode only (the platform path is observed through its effect rows): acks so far, and
  // the wall-clock time of the latest one (ms since the epoch, sub-ms precision).
  | { readonly kind: 'acked'; readonly count: number; readonly at: number }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'failed'; readonly error: string };

export const nowMs = (): number => performance.timeOrigin + performance.now();
