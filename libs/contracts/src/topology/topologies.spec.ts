import { messageCatalogue } from '../catalogue';
import { queueArgumentsFor } from './queue-arguments';
import { SERVICE_NAMES, serviceTopologies } from './topologies';

describe('service topologies', () => {
  it('give every queue quorum type, a dead-letter exchange, at-least-once dead-lettering and a delivery limit', () => {
    for (const service of SERVICE_NAMES) {
      for (const queue of serviceTopologies[service].queues) {
        const args = queueArgumentsFor(queue);
        expect(args).toMatchObject({
          'x-queue-type': 'quorum',
          'x-dead-letter-exchange': `${queue.name}.dlx`,
          'x-dead-letter-strategy': 'at-least-once',
          'x-overflow': 'reject-publish',
        });
        expect(queue.deliveryLimit).toBeGreaterThan(0);
        expect(queue.prefetch).toBeGreaterThan(0);
        expect(queue.name.startsWith(`${service}.`)).toBe(true);
      }
    }
  });

  it('route every message type to at least one consumer queue', () => {
    const consumed = new Set(
      SERVICE_NAMES.flatMap((s) => serviceTopologies[s].queues.flatMap((q) => [...q.consumes])),
    );
    expect([...consumed].sort()).toEqual(Object.keys(messageCatalogue).sort());
  });

  it('let each service publish to the exchanges of the messages it produces', () => {
    for (const [type, entry] of Object.entries(messageCatalogue)) {
      const producer = serviceTopologies[entry.producer as keyof typeof serviceTopologies];
      expect(producer).toBeDefined();
      expect(producer.publishesTo).toContain(entry.exchange);
      expect(type.length).toBeGreaterThan(0);
    }
  });
});
