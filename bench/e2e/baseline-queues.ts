// The baseline's queues (declared by baseline-path.ts, used by baseline-stage.ts).
export const BASELINE_QUEUES = {
  bundles: 'baseline.bundles',
  received: 'baseline.received',
  completed: 'baseline.completed',
  orders: 'baseline.orders',
} as const;
