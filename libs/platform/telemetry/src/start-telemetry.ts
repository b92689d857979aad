import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { AmqplibInstrumentation } from '@opentelemetry/instrumentation-amqplib';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ParentBasedSampler, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface TelemetryOptions {
  readonly serviceName: string;
  readonly enabled: boolean;
  readonly otlpEndpoint?: string;
  readonly sampleRatio?: number;
}

export interface Telemetry {
  shutdown(): Promise<void>;
}

const IGNORED_PATHS = /^\/(health\/|metrics)/;

// Must run before http, pg and amqplib are first imported (each app's instrument.ts, imported
// first by main.ts), or the instrumentations cannot patch them. Without an endpoint no exporter
// is configured: nothing leaves the machine by default. Span attributes never carry CPR numbers:
// pg's statement text is reported without parameter values.
export function startTelemetry(options: TelemetryOptions): Telemetry {
  if (!options.enabled) return { shutdown: async () => undefined };
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    traceExporter: options.otlpEndpoint
      ? new OTLPTraceExporter({ url: `${options.otlpEndpoint}/v1/traces` })
      : undefined,
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio ?? 1) }),
    textMapPropagator: new W3CTraceContextPropagator(),
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => IGNORED_PATHS.test(req.url ?? '') }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new AmqplibInstrumentation(),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
