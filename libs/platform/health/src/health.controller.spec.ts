import { INestApplication, ServiceUnavailableException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { HealthController } from './health.controller';
import { HealthModule } from './health.module';
import { ReadinessCheck, ReadinessResult } from './readiness-check';
import { ReadinessRegistry } from './readiness-registry';

// A check whose answer each test sets; `calls` shows whether liveness touched it.
class SwitchableCheck implements ReadinessCheck {
  calls = 0;
  answer: () => Promise<ReadinessResult> = async () => ({ up: true });

  constructor(readonly name: string) {}

  check(): Promise<ReadinessResult> {
    this.calls++;
    return this.answer();
  }
}

describe('HealthController over HTTP', () => {
  let app: INestApplication;
  let base: string;
  const database = new SwitchableCheck('database');
  const consumers = new SwitchableCheck('consumers');

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [HealthModule.forRoot({ checkTimeoutMs: 50 })],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.get(ReadinessRegistry).register(database);
    app.get(ReadinessRegistry).register(consumers);
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  beforeEach(() => {
    database.answer = async () => ({ up: true });
    consumers.answer = async () => ({ up: true, details: { consuming: 2 } });
    database.calls = 0;
  });

  afterAll(async () => {
    await app.close();
  });

  const get = async (path: string): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${base}${path}`);
    return { status: res.status, body: await res.json() };
  };

  it('is live, without running any check, even when checks are down', async () => {
    database.answer = () => new Promise(() => undefined);
    await expect(get('/health/live')).resolves.toEqual({ status: 200, body: { status: 'ok' } });
    expect(database.calls).toBe(0);
  });

  it('is ready with 200 when every check is up', async () => {
    await expect(get('/health/ready')).resolves.toEqual({
      status: 200,
      body: {
        ready: true,
        checks: { database: { up: true }, consumers: { up: true, details: { consuming: 2 } } },
      },
    });
  });

  it('answers 503 listing each check when one is down', async () => {
    consumers.answer = async () => ({ up: false, details: { idle: ['intake.payments'] } });
    await expect(get('/health/ready')).resolves.toEqual({
      status: 503,
      body: {
        ready: false,
        checks: { database: { up: true }, consumers: { up: false, details: { idle: ['intake.payments'] } } },
      },
    });
  });

  it('answers 503 when a check throws', async () => {
    database.answer = () => Promise.reject(new Error('connection refused'));
    await expect(get('/health/ready')).resolves.toMatchObject({
      status: 503,
      body: { ready: false, checks: { database: { up: false, details: { reason: 'connection refused' } } } },
    });
  });

  it('answers 503 when a check hangs past the configured timeout', async () => {
    database.answer = () => new Promise(() => undefined);
    await expect(get('/health/ready')).resolves.toMatchObject({
      status: 503,
      body: {
        ready: false,
        checks: { database: { up: false, details: { reason: 'no answer within 50 ms' } } },
      },
    });
  });
});

describe('HealthController', () => {
  it('throws ServiceUnavailableException carrying the report when not ready', async () => {
    const registry = new ReadinessRegistry();
    registry.register({ name: 'database', check: async () => ({ up: false }) });
    const error = await new HealthController(registry).ready().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableException);
    expect((error as ServiceUnavailableException).getResponse()).toEqual({
      ready: false,
      checks: { database: { up: false } },
    });
  });

  it('uses the 2 s default timeout when HealthModule is imported without options', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [HealthModule] }).compile();
    const registry = moduleRef.get(ReadinessRegistry);
    registry.register({ name: 'hangs', check: () => new Promise(() => undefined) });
    jest.useFakeTimers();
    try {
      const report = registry.runAll();
      await jest.advanceTimersByTimeAsync(1_999);
      let settled = false;
      void report.then(() => (settled = true));
      await jest.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await expect(report).resolves.toMatchObject({
        checks: { hangs: { details: { reason: 'no answer within 2000 ms' } } },
      });
    } finally {
      jest.useRealTimers();
    }
  });
});
