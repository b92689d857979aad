import { getOrCreateCounter, getOrCreateHistogram } from '@nemkonto/platform-telemetry';

// Labels carry service, queue and outcome names only: never personal data or message ids.
export const messagingMetrics = {
  published: getOrCreateCounter(
    'nk_messages_published_total',
    'Outbox messages published (confirmed) or left for retry',
    ['producer', 'outcome'],
  ),
  consumed: getOrCreateCounter('nk_messages_consumed_total', 'Messages consumed by outcome', [
    'queue',
    'outcome',
  ]),
  // Deliveries whose handler failed while the database was unreachable: held unacknowledged and
  // processed again once it answers (one count per delivery held).
  heldForDatabase: getOrCreateCounter(
    'nk_deliveries_held_for_database_total',
    'Deliveries held while the database was unreachable',
    ['queue'],
  ),
  handlerSeconds: getOrCreateHistogram(
    'nk_message_handler_seconds',
    'Time from delivery to ack, including the transaction',
    ['queue'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  ),
};
