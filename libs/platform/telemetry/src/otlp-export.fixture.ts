// Run by start-telemetry-otlp.spec.ts in a child process (the OTLP exporter's dynamic import
// does not work inside Jest's module sandbox): starts telemetry against the collector given as
// the first argument, finishes one span, shuts down (which flushes) and exits.
import { startTelemetry } from './start-telemetry';
import { withSpan } from './tracing';

async function main(): Promise<void> {
  const telemetry = startTelemetry({
    serviceName: 'payment-intake',
    enabled: true,
    otlpEndpoint: process.argv[2],
  });
  await withSpan('fixture', 'nk-exported-span', {}, async () => undefined);
  await telemetry.shutdown();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exit(1);
  },
);
