import { Controller, Get, INestApplication, Logger as NestLogger, Param } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { LogCapture, LogLine } from './log-capture.spec-helper';
import { LoggingModule } from './logging.module';
import { CPR_MASK } from './mask-personal-data';

@Controller()
class ProbeController {
  private readonly logger = new NestLogger(ProbeController.name);

  @Get('parties/:id')
  party(@Param('id') id: string): { ok: true } {
    this.logger.log({ partyId: id }, `looked up ${id}`);
    return { ok: true };
  }

  @Get('boom')
  boom(): never {
    throw new Error('no NemKonto for 0101901234');
  }

  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('metrics')
  metrics(): string {
    return '';
  }
}

const completed = (path: string) => (l: LogLine) =>
  (l['req'] as { path?: string } | undefined)?.path === path && l['res'] !== undefined;

describe('LoggingModule', () => {
  let app: INestApplication;
  let out: LogCapture;
  let base: string;

  beforeAll(async () => {
    out = new LogCapture();
    const moduleRef = await Test.createTestingModule({
      imports: [LoggingModule.forRoot({ serviceName: 'probe', level: 'info', destination: out })],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    app.useLogger(app.get(Logger));
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
  });

  it('logs requests by path with the caller correlation id, and not probes or scrapes', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/metrics?x=1`)).status).toBe(200);
    const res = await fetch(`${base}/parties/0101901234?cpr=0101901234&x=1`, {
      headers: { 'x-correlation-id': 'corr-123' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlation-id')).toBe('corr-123');

    const line = await out.waitFor(completed(`/parties/${CPR_MASK}`));
    expect(line).toMatchObject({
      service: 'probe',
      level: 'info',
      req: { id: 'corr-123', method: 'GET', path: `/parties/${CPR_MASK}` },
      res: { statusCode: 200 },
    });
    expect(Object.keys(line['req'] as object).sort()).toEqual(['id', 'method', 'path']);

    const appLine = await out.waitFor((l) => l['context'] === 'ProbeController');
    expect(appLine).toMatchObject({
      msg: `looked up ${CPR_MASK}`,
      partyId: CPR_MASK,
      req: { id: 'corr-123' },
    });

    const paths = out.lines().map((l) => (l['req'] as { path?: string } | undefined)?.path);
    expect(paths).not.toContain('/health/live');
    expect(paths).not.toContain('/metrics');
    expect(out.raw()).not.toMatch(/0101901234|x=1|cpr=/);
  });

  it('replaces a correlation id that is not a sane token, and logs server errors as errors', async () => {
    const res = await fetch(`${base}/boom`, { headers: { 'x-correlation-id': '0101901234' } });
    expect(res.status).toBe(500);
    const id = res.headers.get('x-correlation-id');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const line = await out.waitFor(completed('/boom'));
    expect(line).toMatchObject({ level: 'error', req: { id }, res: { statusCode: 500 } });
    expect(out.raw()).not.toContain('0101901234');
  });
});
