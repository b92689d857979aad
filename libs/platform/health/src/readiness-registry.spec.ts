import { ReadinessRegistry } from './readiness-registry';

describe('ReadinessRegistry', () => {
  it('is ready with no checks registered', async () => {
    await expect(new ReadinessRegistry().runAll()).resolves.toEqual({ ready: true, checks: {} });
  });

  it('reports each check by name, ready only when all are up', async () => {
    const registry = new ReadinessRegistry();
    registry.register({ name: 'database', check: async () => ({ up: true }) });
    registry.register({ name: 'consumers', check: async () => ({ up: false, details: { idle: ['q1'] } }) });
    await expect(registry.runAll()).resolves.toEqual({
      ready: false,
      checks: { database: { up: true }, consumers: { up: false, details: { idle: ['q1'] } } },
    });
  });

  it('counts a throwing check as down with its reason, whatever it throws', async () => {
    const registry = new ReadinessRegistry();
    registry.register({ name: 'rejects', check: () => Promise.reject(new Error('connection refused')) });
    registry.register({
      name: 'throws',
      check: () => {
        throw 'not even an Error';
      },
    });
    await expect(registry.runAll()).resolves.toEqual({
      ready: false,
      checks: {
        rejects: { up: false, details: { reason: 'connection refused' } },
        throws: { up: false, details: { reason: 'not even an Error' } },
      },
    });
  });

  it('counts a check that hangs past the timeout as down, without waiting for it', async () => {
    const registry = new ReadinessRegistry(20);
    registry.register({ name: 'hangs', check: () => new Promise(() => undefined) });
    await expect(registry.runAll()).resolves.toEqual({
      ready: false,
      checks: { hangs: { up: false, details: { reason: 'no answer within 20 ms' } } },
    });
  });

  it('runs the checks concurrently', async () => {
    // `first` can only finish once `second` has started: run one after the other, it would time out.
    let started!: () => void;
    const secondStarted = new Promise<void>((resolve) => (started = resolve));
    const registry = new ReadinessRegistry(1_000);
    registry.register({ name: 'first', check: async () => (await secondStarted, { up: true }) });
    registry.register({ name: 'second', check: async () => (started(), { up: true }) });
    await expect(registry.runAll()).resolves.toMatchObject({ ready: true });
  });

  it('refuses a second check under the same name', () => {
    const registry = new ReadinessRegistry();
    registry.register({ name: 'database', check: async () => ({ up: true }) });
    expect(() => registry.register({ name: 'database', check: async () => ({ up: true }) })).toThrow(
      'readiness check "database" is already registered',
    );
  });

  it('reports not ready once the application is shutting down', async () => {
    const registry = new ReadinessRegistry();
    registry.register({ name: 'database', check: async () => ({ up: true }) });
    registry.onModuleDestroy();
    await expect(registry.runAll()).resolves.toEqual({
      ready: false,
      checks: { database: { up: true }, shutdown: { up: false, details: { reason: 'shutting down' } } },
    });
  });
});
