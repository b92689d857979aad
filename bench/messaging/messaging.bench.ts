// Messaging benchmark (`npm run bench:messaging [-- --payments N]`): N payments in chunks of
// 1,000 through the platform (Outbox → OutboxRelay → quorum queue → AmqpTransportStrategy with
// inbox and a one-row effect) and the same bodies through bare amqplib, in the same run. Ends
// stdout with one JSON line. See bench/README.md.
//
// Process layout, the same for both paths: publishing (producers and relay, or the bare
// publisher) in this process, consuming in a child process. That is how the system runs (the
// producing and the consuming service are separate processes); with both sides in one process
// the platform path would be capped by one Node thread doing both sides' JSON and validation,
// while the baseline does almost no work in Node at all.
import { createEnvelope } from '@nemkonto/platform-messaging';
import { Logger, LoggerService } from '@nestjs/common';
import { parseBenchOptions } from './bench-options';
import { BenchInfra, createBenchInfra } from './bench-infra';
import { CpuMeter } from './cpu-meter';
import { buildChunks } from './payloads';
import { runPlatformPath } from './platform-path';
import { RawMessage, runRawPath } from './raw-path';
import { figuresOf, summaryLines } from './summary';

// Platform classes log through Nest; stdout is kept for the summary.
const toStderr =
  (level: string) =>
  (message: unknown): void => {
    process.stderr.write(`[${level}] ${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
  };
const stderrLogger: LoggerService = {
  log: () => undefined,
  warn: toStderr('warn'),
  error: toStderr('error'),
};

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  Logger.overrideLogger(stderrLogger);
  const meter = (consumerPid: number): CpuMeter =>
    new CpuMeter(
      () =>
        new Map([
          [process.pid, 'bench (publishing side)'],
          [consumerPid, 'bench consumer (child)'],
        ]),
    );

  process.stderr.write(
    `messaging benchmark: ${options.payments.toLocaleString('en')} payments, ${options.messages} messages\n`,
  );
  const infra: BenchInfra = await createBenchInfra();
  process.stderr.write(`  using ${infra.description}\n`);
  let disposed: Promise<void> | undefined;
  const dispose = (): Promise<void> => (disposed ??= infra.dispose());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: removing the benchmark's database and vhost\n`);
      void dispose().finally(() => process.exit(130));
    });
  }

  let output: string[];
  try {
    process.stderr.write('  building payloads\n');
    const chunks = buildChunks(options.messages, options.paymentsPerMessage);
    const rawMessages: RawMessage[] = chunks.map((payload) => {
      const envelope = createEnvelope('payments.received', payload, { producer: 'bench' });
      return { messageId: envelope.messageId, body: Buffer.from(JSON.stringify(envelope)) };
    });
    const bodyBytes = rawMessages.reduce((sum, m) => sum + m.body.length, 0);
    const raw = await runRawPath(options, infra, rawMessages, meter);
    const platform = await runPlatformPath(options, infra, chunks, meter);
    output = [
      ...summaryLines(options, bodyBytes, raw, platform),
      JSON.stringify({
        bench: 'messaging',
        payments: options.payments,
        ...figuresOf(options, raw, platform),
      }),
    ];
  } finally {
    process.stderr.write('  removing the benchmark database and vhost\n');
    await dispose();
  }
  process.stdout.write(`${output.join('\n')}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(
      `messaging benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
