import { Counter, Histogram, register } from 'prom-client';

// Labels carry service, queue and outcome names only: never personal data or message ids.
function counter(name: string, help: string, labelNames: string[]): Counter {
  return (register.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames });
}

function histogram(name: string, help: string, labelNames: string[], buckets: number[]): Histogram {
  return (register.getSingleMetric(name) as Histogram | undefined) ?? new Histogram({ name, help, labelNames, buckets });
}

export const messagingMetrics = {
  published: counter('nk_messages_published_total', 'Outbox messages published (confirmed) or left for retry', [
    'producer',
    'outcome',
  ]),
  consumed: counter('nk_messages_consumed_total', 'Messages consumed by outcome', ['queue', 'outcome']),
  handlerSeconds: histogram(
    'nk_message_handler_seconds',
    'Time from delivery to ack, including the transaction',
    ['queue'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  ),
};
