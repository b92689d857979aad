import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, register } from 'prom-client';

// One Prometheus registry per process. Metric labels name services, queues and outcomes only:
// never personal data, message ids or anything unbounded.
export const metricsRegistry: Registry = register;

let defaultsCollected = false;

export function collectProcessMetrics(service: string): void {
  if (defaultsCollected) return;
  metricsRegistry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metricsRegistry });
  defaultsCollected = true;
}

export function getOrCreateCounter(name: string, help: string, labelNames: string[] = []): Counter {
  return (
    (metricsRegistry.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames })
  );
}

export function getOrCreateGauge(name: string, help: string, labelNames: string[] = []): Gauge {
  return (
    (metricsRegistry.getSingleMetric(name) as Gauge | undefined) ?? new Gauge({ name, help, labelNames })
  );
}

export function getOrCreateHistogram(
  name: string,
  help: string,
  labelNames: string[],
  buckets: number[],
): Histogram {
  return (
    (metricsRegistry.getSingleMetric(name) as Histogram | undefined) ??
    new Histogram({ name, help, labelNames, buckets })
  );
}
