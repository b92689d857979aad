// Child process for the crash test: consumes, commits the effect, then dies with SIGKILL before
// it can ack, exactly the window where a naive consumer would apply a message twice.
import { openHarnessDataSource, startConsumer } from './test-harness';

async function main(): Promise<void> {
  const [dbUrl, schema, amqpUrl] = process.argv.slice(2) as [string, string, string];
  const ds = await openHarnessDataSource(dbUrl, schema);
  await startConsumer(ds, amqpUrl, {
    hooks: { afterCommitBeforeAck: () => process.kill(process.pid, 'SIGKILL') },
  });
  process.stdout.write('consuming\n');
}

void main();
