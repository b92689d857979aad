import { ServiceTopology } from '@nemkonto/contracts';

// Each path gets its own queue, declared like a service's (quorum, DLX, delivery limit, max
// length); the raw one is deleted before the platform path runs, so no message goes to both.
export function benchTopology(queue: string, prefetch: number): ServiceTopology {
  return {
    service: 'bench',
    publishesTo: ['nemkonto.payments'],
    queues: [
      { name: queue, consumes: ['payments.received'], prefetch, deliveryLimit: 5, maxLength: 1_000_000 },
    ],
  };
}
