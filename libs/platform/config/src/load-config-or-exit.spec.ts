import { z } from 'zod';
import { loadConfigOrExit } from './load-config-or-exit';

const schema = z.object({
  NK_HTTP_PORT: z.coerce.number().int().min(1, { error: 'expected a port number 1-65535' }),
  NK_LOG_LEVEL: z.enum(['info', 'debug'], { error: 'expected info or debug' }),
});

class ExitCalled extends Error {
  constructor(readonly code: unknown) {
    super(`exit ${String(code)}`);
  }
}

describe('loadConfigOrExit', () => {
  let stderr: jest.SpyInstance;
  let exit: jest.SpyInstance;

  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    exit = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new ExitCalled(code);
    });
  });

  afterEach(() => jest.restoreAllMocks());

  it('returns the configuration when it is valid, writing nothing', () => {
    expect(
      loadConfigOrExit(schema, 'account-registry', { NK_HTTP_PORT: '80', NK_LOG_LEVEL: 'info' }),
    ).toEqual({
      NK_HTTP_PORT: 80,
      NK_LOG_LEVEL: 'info',
    });
    expect(stderr).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();
  });

  it('writes one block naming the service and every problem to stderr, then exits with 1', () => {
    expect(() =>
      loadConfigOrExit(schema, 'account-registry', { NK_HTTP_PORT: '0', NK_LOG_LEVEL: 'loud' }),
    ).toThrow(ExitCalled);
    expect(exit).toHaveBeenCalledWith(1);
    expect(stderr).toHaveBeenCalledTimes(1);
    expect(stderr.mock.calls[0]?.[0]).toBe(
      '[account-registry] invalid configuration:\n' +
        '  - NK_HTTP_PORT: expected a port number 1-65535, got "0"\n' +
        '  - NK_LOG_LEVEL: expected info or debug, got "loud"\n',
    );
  });

  it('lets errors other than invalid configuration through', () => {
    const broken = z.object({ X: z.string() }).transform(() => {
      throw new TypeError('bug in a transform');
    });
    expect(() => loadConfigOrExit(broken, 'svc', { X: 'x' })).toThrow(TypeError);
    expect(exit).not.toHaveBeenCalled();
  });
});
