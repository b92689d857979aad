import { PaymentsReceivedV1 } from '@nemkonto/contracts';
import { AmqpConnection, ConfirmPublisher, Outbox, OutboxRelay } from '@nemkonto/platform-messaging';
import {
  OutboxInbox1764000000000,
  createServiceDataSource,
  migrateServiceSchema,
  pgPoolOf,
} from '@nemkonto/platform-persistence';
import { DataSource } from 'typeorm';
import { BenchEffects1764000000001 } from './bench-effects.migration';
import { BenchInfra } from './bench-infra';
import { nowMs } from './bench-ipc';
import { BenchOptions } from './bench-options';
import { benchTopology } from './bench-topology';
import { ConsumerProcess } from './consumer-process';
import { CpuMeter } from './cpu-meter';
import { PathResult, sleep } from './path-result';
import { PhaseProgress } from './progress';

const STALL_MS = 60_000;

// The platform path as services run it: Outbox.enqueueMany in the producer's transactions →
// OutboxRelay (claims, publishes with confirms, marks sent) → quorum queue declared by the
// transport → AmqpTransportStrategy in the consumer child (envelope decoded and validated,
// inbox row, the handler's effect row, commit, ack). Measured from the first enqueue until the
// count of effect rows reaches the number of messages.
export async function runPlatformPath(
  options: BenchOptions,
  infra: BenchInfra,
  chunks: PaymentsReceivedV1[],
  meter: (consumerPid: number) => CpuMeter,
): Promise<PathResult> {
  const total = chunks.length;
  const dataSource = createServiceDataSource({
    url: infra.dbUrl,
    schema: infra.schema,
    applicationName: 'bench-producer',
    poolSize: options.producers + options.relayConcurrency + 1,
    migrations: [OutboxInbox1764000000000, BenchEffects1764000000001],
  });
  await dataSource.initialize();
  const consumer = new ConsumerProcess();
  const connection = new AmqpConnection({ url: infra.amqpUrl, connectionName: 'bench:relay' });
  const publisher = new ConfirmPublisher(connection);
  const relay = new OutboxRelay({
    pool: pgPoolOf(dataSource),
    listenConnection: { connectionString: infra.dbUrl, options: `-c search_path=${infra.schema}` },
    schema: infra.schema,
    publisher,
    producer: 'bench',
    batchSize: options.relayBatch,
    concurrency: options.relayConcurrency,
  });
  try {
    await migrateServiceSchema(dataSource);
    await consumer.start({
      kind: 'start',
      mode: 'platform',
      amqpUrl: infra.amqpUrl,
      dbUrl: infra.dbUrl,
      schema: infra.schema,
      topology: benchTopology('bench.payments-received', options.prefetch),
      expected: total,
    });
    await connection.start();
    while (!publisher.isReady) await sleep(10);
    relay.start();

    const outbox = new Outbox('bench');
    const cpu = meter(consumer.pid);
    const cpuFrom = cpu.snapshot();
    const startedAt = nowMs();
    let enqueued = 0;
    let enqueuedAt = 0;
    let failure: unknown;
    // Chunks leave memory once committed, as they would in a service.
    const producer = async (): Promise<void> => {
      while (chunks.length > 0 && failure === undefined) {
        const batch = chunks.splice(0, options.messagesPerTransaction);
        await dataSource.transaction((manager) =>
          outbox.enqueueMany(
            manager,
            batch.map((payload) => ({ type: 'payments.received' as const, payload })),
          ),
        );
        enqueued += batch.length;
      }
    };
    const producing = Promise.all(Array.from({ length: options.producers }, producer)).then(
      () => (enqueuedAt = nowMs()),
      (err: unknown) => (failure = err ?? new Error('producer failed')),
    );

    const progress = new PhaseProgress('platform', total, startedAt);
    let relayed = 0;
    let relayedAt = 0;
    let last = { consumed: -1, at: Date.now() };
    // The effect count every 20 ms ends the measurement; the relayed count is only for the
    // progress line and the "all relayed" milestone, so it is read less often.
    for (let poll = 0; ; poll++) {
      const consumed = await count(dataSource, 'SELECT count(*)::int AS n FROM bench_effects');
      if (relayedAt === 0 && poll % 5 === 0) {
        relayed = await count(dataSource, 'SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NOT NULL');
        if (relayed === total) relayedAt = nowMs();
      }
      if (failure !== undefined) throw failure;
      progress.update(consumed, `  (enqueued ${enqueued}, relayed ${relayed})`);
      if (consumed === total) break;
      if (consumed !== last.consumed) last = { consumed, at: Date.now() };
      else if (Date.now() - last.at > STALL_MS) throw new Error(`no progress for ${STALL_MS / 1000} s`);
      await sleep(20);
    }
    const finishedAt = nowMs();
    const cpuTo = cpu.snapshot();
    await producing;
    return {
      startedAt,
      finishedAt,
      milestones: [
        ['all enqueued', enqueuedAt],
        ['all relayed', relayedAt || finishedAt],
      ],
      cpu: CpuMeter.report(cpuFrom, cpuTo),
      verified: await verify(dataSource, total),
    };
  } finally {
    await relay.stop();
    await connection.close();
    await consumer.stop();
    await dataSource.destroy();
  }
}

async function count(dataSource: DataSource, sql: string): Promise<number> {
  const [row] = (await dataSource.query(sql)) as { n: number }[];
  return row?.n ?? 0;
}

async function verify(dataSource: DataSource, total: number): Promise<string> {
  const [row] = (await dataSource.query(
    `SELECT (SELECT count(*) FROM bench_effects)::int AS effects,
            (SELECT coalesce(sum(payments), 0)::int FROM bench_effects) AS payments,
            (SELECT count(*) FROM inbox)::int AS inbox,
            (SELECT count(*) FROM outbox WHERE sent_at IS NULL)::int AS pending,
            (SELECT coalesce(sum(attempts), 0)::int FROM outbox) AS attempts`,
  )) as { effects: number; payments: number; inbox: number; pending: number; attempts: number }[];
  const r = row!;
  if (r.effects !== total || r.inbox !== total || r.pending !== 0) {
    throw new Error(`platform path incomplete: ${JSON.stringify(r)}`);
  }
  return (
    `${r.effects} effect rows with ${r.payments.toLocaleString('en')} payments, ${r.inbox} inbox rows, ` +
    `0 outbox rows pending, ${r.attempts} publish attempts`
  );
}
