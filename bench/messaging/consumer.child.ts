// The consumer side of both paths, in a child process of its own (see messaging.bench.ts).
import { PaymentsReceivedV1 } from '@nemkonto/contracts';
import {
  AmqpTransportStrategy,
  MessageContext,
  OnMessage,
  Outbox,
  declareTopology,
} from '@nemkonto/platform-messaging';
import { createServiceDataSource } from '@nemkonto/platform-persistence';
import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, Payload } from '@nestjs/microservices';
import { ChannelModel, connect } from 'amqplib';
import { FromConsumer, StartConsumer, ToConsumer, nowMs } from './bench-ipc';

@Controller()
class BenchHandler {
  @OnMessage('payments.received')
  async onReceived(@Payload() payload: PaymentsReceivedV1, @Ctx() ctx: MessageContext): Promise<void> {
    await ctx.manager.query('INSERT INTO bench_effects (message_id, payments) VALUES ($1, $2)', [
      ctx.envelope.messageId,
      payload.payments.length,
    ]);
  }
}

@Module({ controllers: [BenchHandler] })
class BenchConsumerModule {}

const send = (msg: FromConsumer): void => {
  process.send?.(msg);
};

let stop: () => Promise<void> = () => Promise.resolve();

async function startPlatform(start: StartConsumer): Promise<void> {
  const queue = start.topology.queues[0]!;
  const dataSource = createServiceDataSource({
    url: start.dbUrl,
    schema: start.schema,
    applicationName: 'bench-consumer',
    // One connection per unacked delivery, so no delivery waits for a connection.
    poolSize: queue.prefetch + 1,
  });
  await dataSource.initialize();
  const strategy = new AmqpTransportStrategy({
    url: start.amqpUrl,
    topology: start.topology,
    dataSource,
    outbox: new Outbox('bench'),
  });
  const app: INestMicroservice = await NestFactory.createMicroservice(BenchConsumerModule, {
    strategy,
    logger: ['error', 'warn'],
  });
  await app.listen();
  while (!strategy.consumerStatus().every((s) => s.consuming)) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  stop = async () => {
    await app.close();
    await dataSource.destroy();
  };
}

// Bare amqplib: manual acks, the same per-consumer prefetch, each delivery acked on arrival.
async function startRaw(start: StartConsumer): Promise<void> {
  const queue = start.topology.queues[0]!;
  const conn: ChannelModel = await connect(start.amqpUrl);
  const channel = await conn.createChannel();
  await declareTopology(channel, start.topology);
  await channel.prefetch(queue.prefetch, false);
  let acked = 0;
  let reported = 0;
  await channel.consume(
    queue.name,
    (msg) => {
      if (!msg) return;
      channel.ack(msg);
      acked++;
      // Every 10% for the progress line, and the last ack, which ends the measurement.
      if (acked === start.expected || acked - reported >= start.expected / 10) {
        reported = acked;
        send({ kind: 'acked', count: acked, at: nowMs() });
      }
    },
    { noAck: false },
  );
  stop = () => conn.close();
}

process.on('message', (msg: ToConsumer) => {
  const work =
    msg.kind === 'start'
      ? (msg.mode === 'raw' ? startRaw(msg) : startPlatform(msg)).then(() => send({ kind: 'ready' }))
      : stop().then(() => {
          send({ kind: 'stopped' });
          process.disconnect();
        });
  work.catch((err: unknown) => {
    send({ kind: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  });
});

// The benchmark went away (finished, crashed or was killed): do not linger.
process.on('disconnect', () => process.exit(0));
