// Knobs of the messaging benchmark. Both paths share the chunk size, prefetch and process layout;
// the rest only applies to the platform path.
export interface BenchOptions {
  readonly payments: number;
  readonly messages: number;
  readonly paymentsPerMessage: number;
  // Unacked deliveries per consumer, on both paths (the queue declaration carries it).
  readonly prefetch: number;
  readonly messagesPerTransaction: number;
  // Producer transactions in flight at once, as a service with several bundles being received.
  readonly producers: number;
  readonly relayBatch: number;
  readonly relayConcurrency: number;
}

export const PAYMENTS_PER_MESSAGE = 1000;

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const value = (flag: string, fallback: number): number => {
    const at = argv.indexOf(flag);
    if (at < 0) return fallback;
    const n = Number(argv[at + 1]);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer`);
    return n;
  };
  const payments = value('--payments', 1_000_000);
  if (payments % PAYMENTS_PER_MESSAGE !== 0) {
    throw new Error(`--payments must be a multiple of ${PAYMENTS_PER_MESSAGE}`);
  }
  return {
    payments,
    messages: payments / PAYMENTS_PER_MESSAGE,
    paymentsPerMessage: PAYMENTS_PER_MESSAGE,
    prefetch: value('--prefetch', 20),
    messagesPerTransaction: value('--per-tx', 10),
    producers: value('--producers', 2),
    relayBatch: value('--relay-batch', 20),
    relayConcurrency: value('--relay-concurrency', 2),
  };
}
