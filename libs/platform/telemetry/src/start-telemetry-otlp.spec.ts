import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

interface Received {
  readonly path: string | undefined;
  readonly body: string;
}

const repoRoot = path.resolve(__dirname, '../../../..');

describe('startTelemetry with an OTLP endpoint', () => {
  let collector: Server;
  const received: Received[] = [];

  beforeAll(async () => {
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url, body: Buffer.concat(chunks).toString() });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => collector.close(resolve));
  });

  it('exports finished spans to <endpoint>/v1/traces, flushing on shutdown', async () => {
    const { port } = collector.address() as AddressInfo;
    const child = spawn(
      process.execPath,
      [
        '-r',
        './tools/register.js',
        path.join(__dirname, 'otlp-export.fixture.ts'),
        `http://127.0.0.1:${port}/`,
      ],
      { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });

    const traces = received.filter((r) => r.path === '/v1/traces');
    expect(traces).toHaveLength(1);
    expect(traces[0]?.body).toContain('nk-exported-span');
    expect(traces[0]?.body).toContain('payment-intake');
  }, 30_000);
});
