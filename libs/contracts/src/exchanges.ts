// LIVE BROKER NAMES: exchanges exist on running brokers and are bound by other services.
// NEVER rename one; add a new exchange and migrate instead.
export const Exchanges = {
  payments: 'nemkonto.payments',
  registry: 'nemkonto.registry',
  sync: 'nemkonto.sync',
  dispatch: 'nemkonto.dispatch',
} as const;

export type ExchangeName = (typeof Exchanges)[keyof typeof Exchanges];

export const ALL_EXCHANGES: readonly ExchangeName[] = Object.values(Exchanges);
