import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from './metrics-registry';

// Metric labels must never carry personal data (CPR numbers, names, accounts) nor unbounded
// values such as message ids: label with services, queues and outcomes.
//
// These return the metric already registered under `name`, so a module created twice (tests,
// re-bootstrap) does not fail on a duplicate registration.

export function getOrCreateCounter<L extends string = string>(
  name: string,
  help: string,
  labelNames: readonly L[] = [],
): Counter<L> {
  return existing(name, Counter) ?? new Counter<L>({ name, help, labelNames, registers: [metricsRegistry] });
}

export function getOrCreateGauge<L extends string = string>(
  name: string,
  help: string,
  labelNames: readonly L[] = [],
): Gauge<L> {
  return existing(name, Gauge) ?? new Gauge<L>({ name, help, labelNames, registers: [metricsRegistry] });
}

// Without `buckets`, prom-client's defaults (5 ms to 10 s) apply.
export function getOrCreateHistogram<L extends string = string>(
  name: string,
  help: string,
  labelNames: readonly L[] = [],
  buckets?: number[],
): Histogram<L> {
  return (
    existing(name, Histogram) ??
    new Histogram<L>({
      name,
      help,
      labelNames,
      registers: [metricsRegistry],
      ...(buckets ? { buckets } : {}),
    })
  );
}

function existing<M>(name: string, kind: abstract new (...args: never[]) => M): M | undefined {
  const metric = metricsRegistry.getSingleMetric(name);
  if (metric === undefined) return undefined;
  if (!(metric instanceof kind)) throw new Error(`metric ${name} is already registered as another type`);
  return metric;
}
