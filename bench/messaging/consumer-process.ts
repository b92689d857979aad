import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { FromConsumer, StartConsumer, ToConsumer } from './bench-ipc';

// The benchmark's handle on a consumer child process (a fresh one per path).
export class ConsumerProcess {
  private readonly child: ChildProcess;
  private readonly listeners = new Set<(msg: FromConsumer) => void>();
  private exited = false;

  constructor() {
    // Same flags as the benchmark itself (the swc register hook, --cpu-prof when profiling);
    // the child writes to stderr only, so stdout stays the summary.
    this.child = fork(join(__dirname, 'consumer.child.ts'), [], {
      execArgv: process.execArgv,
      stdio: ['ignore', 2, 2, 'ipc'],
    });
    this.child.on('message', (msg: FromConsumer) => {
      for (const listener of [...this.listeners]) listener(msg);
    });
    this.child.on('exit', (code, signal) => {
      this.exited = true;
      for (const listener of [...this.listeners]) {
        listener({ kind: 'failed', error: `consumer exited (code ${code}, signal ${signal})` });
      }
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  onMessage(listener: (msg: FromConsumer) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(request: StartConsumer): Promise<void> {
    return this.request(request, 'ready');
  }

  // Graceful stop (the transport finishes its deliveries in flight), then make sure it is gone.
  async stop(timeoutMs = 20_000): Promise<void> {
    if (this.exited) return;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await Promise.race([this.request({ kind: 'stop' }, 'stopped').catch(() => undefined), timeout]);
    await Promise.race([exited, timeout]);
    if (!this.exited) this.child.kill('SIGKILL');
  }

  private request(msg: ToConsumer, answer: FromConsumer['kind']): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const off = this.onMessage((reply) => {
        if (reply.kind === answer) {
          off();
          resolve();
        } else if (reply.kind === 'failed') {
          off();
          reject(new Error(`consumer: ${reply.error}`));
        }
      });
      this.child.send(msg);
    });
  }
}
