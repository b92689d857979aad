// Starts every service as its own process, waits until each reports ready, prints a summary,
// and then (unless --keep) stops them with SIGTERM to show they shut down cleanly.
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runDemo } from '../demo/run-demo';
import { SERVICE_NODE_ARGS, serviceDefinitions } from './service-definitions';

const root = join(__dirname, '..', '..');
const keep = process.argv.includes('--keep');
// --demo [N]: once every service is ready, run the payment flow with N payments (default 2,000).
const demoAt = process.argv.indexOf('--demo');
const demoPayments = demoAt < 0 ? 0 : Number(process.argv[demoAt + 1] ?? '') || 2000;
const logDir = join(root, 'tmp', 'logs');
const READY_TIMEOUT_MS = 60_000;

interface Running {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcess;
  exited?: { code: number | null; signal: NodeJS.Signals | null };
}

// The five services, and the development eID provider that citizens, caseworkers and operators
// log in through (http://127.0.0.1:3001/ui/).
const processes = [
  ...serviceDefinitions.map((def) => ({ name: def.name, port: def.httpPort, nodeArgs: SERVICE_NODE_ARGS })),
  { name: 'eid-provider', port: 3010, nodeArgs: [] as readonly string[] },
];

async function ready(port: number): Promise<{ ok: boolean; body: string }> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
    return { ok: res.status === 200, body: await res.text() };
  } catch (err) {
    return { ok: false, body: (err as Error).message };
  }
}

async function waitReady(svc: Running): Promise<boolean> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && !svc.exited) {
    if ((await ready(svc.port)).ok) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main(): Promise<void> {
  mkdirSync(logDir, { recursive: true });
  const running: Running[] = processes.map((def) => {
    const log = createWriteStream(join(logDir, `${def.name}.log`));
    const child = spawn(
      process.execPath,
      [...def.nodeArgs, '-r', './tools/register.js', `apps/${def.name}/src/main.ts`],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: process.env,
      },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const svc: Running = { name: def.name, port: def.port, child };
    child.on('exit', (code, signal) => (svc.exited = { code, signal }));
    process.stderr.write(`starting ${def.name} on :${def.port} (log: tmp/logs/${def.name}.log)\n`);
    return svc;
  });

  const results = await Promise.all(running.map(async (svc) => ({ svc, ok: await waitReady(svc) })));
  console.log('\nservice              port  ready');
  for (const { svc, ok } of results) {
    console.log(
      `${svc.name.padEnd(20)} ${String(svc.port).padEnd(5)} ${ok ? 'yes' : `NO (${(await ready(svc.port)).body.slice(0, 200)})`}`,
    );
  }
  const allReady = results.every((r) => r.ok);
  let demoOk = true;
  if (allReady && demoPayments > 0) {
    console.log(`\n== the payment flow, end to end (${demoPayments} payments)`);
    const intakePort = serviceDefinitions.find((d) => d.name === 'payment-intake')?.httpPort ?? 3002;
    const registryPort = serviceDefinitions.find((d) => d.name === 'account-registry')?.httpPort ?? 3001;
    demoOk = await runDemo(demoPayments, intakePort, registryPort).catch((err: unknown) => {
      console.error(`the demo failed: ${(err as Error).message}`);
      return false;
    });
  }
  if (keep && allReady) {
    console.log('\nAll services are running; Ctrl-C stops them. Browser: http://127.0.0.1:3001/ui/');
    process.on('SIGINT', () => void stopAll(running).then(() => process.exit(0)));
    return;
  }
  const clean = await stopAll(running);
  console.log(
    `\n${allReady ? 'All services were ready' : 'Some services were NOT ready'}; shutdown ${clean ? 'was clean' : 'was NOT clean'}.`,
  );
  process.exit(allReady && clean && demoOk ? 0 : 1);
}

async function stopAll(running: Running[]): Promise<boolean> {
  await Promise.all(
    running.map(
      (svc) =>
        new Promise<void>((resolve) => {
          if (svc.exited) return resolve();
          svc.child.once('exit', () => resolve());
          svc.child.kill('SIGTERM');
        }),
    ),
  );
  return running.every((svc) => svc.exited?.code === 0 || svc.exited?.signal === 'SIGTERM');
}

void main();
