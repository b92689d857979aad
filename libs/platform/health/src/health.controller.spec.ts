import { ServiceUnavailableException } from '@nestjs/common';
import { HealthController } from './health.controller';
import { ReadinessRegistry } from './readiness-registry';

describe('HealthController', () => {
  it('is live without running any check', () => {
    const registry = new ReadinessRegistry();
    const check = jest.fn();
    registry.register({ name: 'db', check });
    expect(new HealthController(registry).live()).toEqual({ status: 'ok' });
    expect(check).not.toHaveBeenCalled();
  });

  it('is ready when every check is up', async () => {
    const registry = new ReadinessRegistry();
    registry.register({ name: 'db', check: async () => ({ up: true }) });
    registry.register({ name: 'consumers', check: async () => ({ up: true, details: { n: 2 } }) });
    await expect(new HealthController(registry).ready()).resolves.toEqual({
      ready: true,
      checks: { db: { up: true }, consumers: { up: true, details: { n: 2 } } },
    });
  });

  it.each([
    ['down', async () => ({ up: false, details: { reason: 'migrations pending' } })],
    ['throwing', async () => Promise.reject(new Error('connection refused'))],
    ['hanging', () => new Promise<never>(() => undefined)],
  ])('answers 503 when a check is %s, naming it', async (_label, check) => {
    const registry = new ReadinessRegistry(50);
    registry.register({ name: 'db', check: async () => ({ up: true }) });
    registry.register({ name: 'broken', check });
    const error = await new HealthController(registry).ready().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceUnavailableException);
    const body = (error as ServiceUnavailableException).getResponse() as {
      ready: boolean;
      checks: Record<string, { up: boolean }>;
    };
    expect(body.ready).toBe(false);
    expect(body.checks['broken']?.up).toBe(false);
    expect(body.checks['db']?.up).toBe(true);
  });
});
