import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { expectEventually } from '../expect-eventually';

const root = join(__dirname, '..', '..', '..', '..');

export interface ServiceProcess {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

// A TypeScript entry point (a service or a simulator) as its own process, with its stderr shown
// (or, given `onOutput`, its stdout and stderr handed to it instead); resolves once `readyPath`
// answers 200. stop() sends SIGTERM and waits for the exit.
export async function startServiceProcess(options: {
  readonly entry: string;
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
  readonly readyPath: string;
  readonly timeoutMs?: number;
  readonly onOutput?: (text: string) => void;
}): Promise<ServiceProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, ['-r', './tools/register.js', options.entry], {
    cwd: root,
    env: { ...process.env, ...options.env },
    stdio: options.onOutput ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'ignore', 'inherit'],
  });
  const onOutput = options.onOutput;
  if (onOutput) {
    child.stdout?.on('data', (d: Buffer) => onOutput(d.toString()));
    child.stderr?.on('data', (d: Buffer) => onOutput(d.toString()));
  }
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await expectEventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${options.entry} exited with ${child.exitCode}`);
        expect((await fetch(`${url}${options.readyPath}`)).status).toBe(200);
      },
      { timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 200 },
    );
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, child, stop };
}

// A port (or `count` consecutive ports) for a test's processes: random below Linux's ephemeral
// range (32768-60999), where the many client sockets of a test run (Postgres pools, AMQP
// connections) would otherwise now and then hold the port picked, and above the services' own.
export const testPort = (count = 1): number => 20000 + Math.floor(Math.random() * (12000 - count));
