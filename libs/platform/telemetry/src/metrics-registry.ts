import { Registry, collectDefaultMetrics, register } from 'prom-client';

// One Prometheus registry per process (prom-client's global one, so metrics created anywhere
// land here). Labels name services, queues and outcomes only: never CPR numbers or other personal
// data, never message ids or anything else unbounded.
export const metricsRegistry: Registry = register;

let defaultsCollected = false;

// Node's process metrics, every series labelled with the service. Call once at boot.
export function collectProcessMetrics(service: string): void {
  if (defaultsCollected) return;
  metricsRegistry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metricsRegistry });
  defaultsCollected = true;
}
