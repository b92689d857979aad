import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { AmqplibInstrumentation } from '@opentelemetry/instrumentation-amqplib';
import { BatchSpanProcessor, NoopSpanProcessor, ParentBasedSampler } from '@opentelemetry/sdk-trace-base';
import type { IncomingMessage } from 'node:http';
import { telemetrySdkConfiguration } from './telemetry-sdk-configuration';

const base = { serviceName: 'account-registry', enabled: true };

describe('telemetrySdkConfiguration', () => {
  it('configures no exporter of any kind without an endpoint', () => {
    const config = telemetrySdkConfiguration(base);
    expect(config.spanProcessors).toHaveLength(1);
    expect(config.spanProcessors?.[0]).toBeInstanceOf(NoopSpanProcessor);
    expect(config.traceExporter).toBeUndefined();
    expect(config.metricReaders).toEqual([]);
    expect(config.logRecordProcessors).toEqual([]);
  });

  it('batches spans to the OTLP endpoint when one is given', () => {
    const config = telemetrySdkConfiguration({ ...base, otlpEndpoint: 'http://collector:4318/' });
    expect(config.spanProcessors).toHaveLength(1);
    expect(config.spanProcessors?.[0]).toBeInstanceOf(BatchSpanProcessor);
  });

  it('names the service, propagates W3C trace context and samples by parent, then ratio', () => {
    const config = telemetrySdkConfiguration({ ...base, sampleRatio: 0.25 });
    expect(config.resource?.attributes['service.name']).toBe('account-registry');
    expect(config.textMapPropagator).toBeInstanceOf(W3CTraceContextPropagator);
    expect(config.sampler).toBeInstanceOf(ParentBasedSampler);
    expect(config.sampler?.toString()).toContain('TraceIdRatioBased{0.25}');
  });

  it.each([-0.1, 1.5, Number.NaN])('refuses the sample ratio %p', (sampleRatio) => {
    expect(() => telemetrySdkConfiguration({ ...base, sampleRatio })).toThrow(RangeError);
  });

  it('instruments http without probes and scrapes, pg without parameters or connect spans, and amqplib', () => {
    const instrumentations = (telemetrySdkConfiguration(base).instrumentations ?? []).flat();
    const http = instrumentations.find((i) => i instanceof HttpInstrumentation) as HttpInstrumentation;
    const pg = instrumentations.find((i) => i instanceof PgInstrumentation) as PgInstrumentation;
    expect(instrumentations.some((i) => i instanceof AmqplibInstrumentation)).toBe(true);

    const ignore = http.getConfig().ignoreIncomingRequestHook;
    const ignored = (url: string): boolean | undefined => ignore?.({ url } as IncomingMessage);
    expect(['/health/live', '/health/ready', '/health', '/metrics', '/metrics?x=1'].map(ignored)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['/parties', '/healthy', '/metricsx', '/api/health/live'].map(ignored)).toEqual([
      false,
      false,
      false,
      false,
    ]);

    expect(pg.getConfig()).toMatchObject({
      enhancedDatabaseReporting: false,
      ignoreConnectSpans: true,
      requireParentSpan: true,
    });
    for (const i of instrumentations) i.disable();
  });
});
