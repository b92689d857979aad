// Imported first by main.ts: OpenTelemetry must patch http, pg and amqplib before they load.
import { startTelemetry } from '@nemkonto/platform-telemetry';

startTelemetry({
  serviceName: 'account-enrichment',
  enabled: ['true', '1'].includes(process.env['NK_OTEL_ENABLED'] ?? ''),
  otlpEndpoint: process.env['NK_OTEL_EXPORTER_OTLP_ENDPOINT'],
});
