import { NodeSDK } from '@opentelemetry/sdk-node';
import { TelemetryOptions, telemetrySdkConfiguration } from './telemetry-sdk-configuration';

export interface Telemetry {
  shutdown(): Promise<void>;
}

let started: Telemetry | undefined;

// Must run before http, pg and amqplib are first imported, or the instrumentations cannot patch
// them: each app's main.ts imports its tiny instrument.ts first, and instrument.ts calls this.
// Disabled, it does nothing (trace context still flows, see ensureContextPropagation). Calling
// it again returns the running instance.
export function startTelemetry(options: TelemetryOptions): Telemetry {
  if (!options.enabled) return { shutdown: async () => undefined };
  if (started) return started;
  const sdk = new NodeSDK(telemetrySdkConfiguration(options));
  sdk.start();
  started = { shutdown: () => sdk.shutdown() };
  return started;
}
