import { getOrCreateCounter } from '@nemkonto/platform-telemetry';

// Labels are payer ids, outcomes and bucket kinds only: never a party's number.
export const privatePayerMetrics = {
  lookups: getOrCreateCounter('nk_private_payer_lookups_total', 'Lookups by private payers by outcome', [
    'payer',
    'outcome',
  ]),
  throttled: getOrCreateCounter(
    'nk_private_payer_throttled_total',
    'Lookups by private payers refused by a token bucket',
    ['payer', 'bucket'],
  ),
};
