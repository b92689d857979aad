import { Exchanges, dlqName, dlxName } from '@nemkonto/contracts';
import { connect } from 'amqplib';
import { once } from 'node:events';
import { BenchInfra } from './bench-infra';
import { nowMs } from './bench-ipc';
import { BenchOptions } from './bench-options';
import { benchTopology } from './bench-topology';
import { ConsumerProcess } from './consumer-process';
import { CpuMeter } from './cpu-meter';
import { PathResult } from './path-result';
import { PhaseProgress } from './progress';

export interface RawMessage {
  readonly messageId: string;
  readonly body: Buffer;
}

const QUEUE = 'bench.raw-payments-received';

// The framework-free baseline: the same bodies through a confirm channel (pipelined confirms,
// persistent, mandatory) to a quorum queue declared like a service's, and a consumer child that
// acks each delivery with the same prefetch. Measured from the first publish to the last ack.
export async function runRawPath(
  options: BenchOptions,
  infra: BenchInfra,
  messages: readonly RawMessage[],
  meter: (consumerPid: number) => CpuMeter,
): Promise<PathResult> {
  const consumer = new ConsumerProcess();
  const conn = await connect(infra.amqpUrl);
  try {
    await consumer.start({
      kind: 'start',
      mode: 'raw',
      amqpUrl: infra.amqpUrl,
      dbUrl: infra.dbUrl,
      schema: infra.schema,
      topology: benchTopology(QUEUE, options.prefetch),
      expected: messages.length,
    });
    const channel = await conn.createConfirmChannel();
    let returned = 0;
    channel.on('return', () => returned++);
    const cpu = meter(consumer.pid);
    const cpuFrom = cpu.snapshot();
    const startedAt = nowMs();
    const progress = new PhaseProgress('bare amqplib', messages.length, startedAt);
    const lastAck = new Promise<number>((resolve, reject) => {
      consumer.onMessage((msg) => {
        if (msg.kind === 'failed') reject(new Error(msg.error));
        if (msg.kind !== 'acked') return;
        progress.update(msg.count);
        if (msg.count === messages.length) resolve(msg.at);
      });
    });
    for (const { messageId, body } of messages) {
      const writable = channel.publish(Exchanges.payments, 'payments.received', body, {
        persistent: true,
        mandatory: true,
        contentType: 'application/json',
        messageId,
        type: 'payments.received',
      });
      if (!writable) await once(channel, 'drain');
    }
    await channel.waitForConfirms();
    const confirmedAt = nowMs();
    const finishedAt = await lastAck;
    const cpuTo = cpu.snapshot();
    if (returned > 0) throw new Error(`${returned} publishes were returned as unroutable`);
    await channel.close();
    return {
      startedAt,
      finishedAt,
      milestones: [['all confirmed', confirmedAt]],
      cpu: CpuMeter.report(cpuFrom, cpuTo),
      verified: `${messages.length} publishes confirmed, ${messages.length} deliveries acked`,
    };
  } finally {
    await consumer.stop();
    // Remove the baseline's queue, or the platform path's messages would be routed to it too.
    const cleanup = await conn.createChannel();
    await cleanup.deleteQueue(QUEUE);
    await cleanup.deleteQueue(dlqName(QUEUE));
    await cleanup.deleteExchange(dlxName(QUEUE));
    await conn.close();
  }
}
