import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { AmqplibInstrumentation } from '@opentelemetry/instrumentation-amqplib';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { envDetector, hostDetector, processDetector, resourceFromAttributes } from '@opentelemetry/resources';
import type { NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  NoopSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface TelemetryOptions {
  readonly serviceName: string;
  readonly enabled: boolean;
  // Base URL of an OTLP/HTTP collector, e.g. http://otel-collector:4318; spans go nowhere without it.
  readonly otlpEndpoint?: string;
  // Share of new traces sampled, 0..1 (default 1). Traces started upstream follow the caller's decision.
  readonly sampleRatio?: number;
}

// Probes and scrapes would each start a trace every few seconds.
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

// Everything the SDK would otherwise read from OTEL_* variables is set here, because its
// defaults export traces, metrics and logs over OTLP to localhost: nothing may leave the machine
// unless an endpoint is configured.
export function telemetrySdkConfiguration(options: TelemetryOptions): Partial<NodeSDKConfiguration> {
  const ratio = options.sampleRatio ?? 1;
  if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`sampleRatio must be within 0..1, got ${ratio}`);
  const endpoint = options.otlpEndpoint?.replace(/\/+$/, '');
  return {
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    resourceDetectors: [envDetector, hostDetector, processDetector],
    // Without an exporter spans are still recorded and propagated (trace ids stay real across
    // services) but dropped here.
    spanProcessors: endpoint
      ? [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }))]
      : [new NoopSpanProcessor()],
    metricReaders: [], // metrics are Prometheus, served by MetricsController
    logRecordProcessors: [], // logs are pino JSON on stdout
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) }),
    textMapPropagator: new W3CTraceContextPropagator(),
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.test(req.url ?? '') }),
      // No parameter values or rows on spans (they hold CPR numbers); no span per pool checkout; no
      // root trace for queries outside any trace (the outbox relay polls every few hundred ms).
      new PgInstrumentation({
        enhancedDatabaseReporting: false,
        ignoreConnectSpans: true,
        requireParentSpan: true,
      }),
      new AmqplibInstrumentation(),
    ],
  };
}
