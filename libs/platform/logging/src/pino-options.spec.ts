import pino from 'pino';
import { LogCapture } from './log-capture.spec-helper';
import { CPR_MASK } from './mask-personal-data';
import { createPinoOptions } from './pino-options';

const CPRS = /0101901234|311299-1235|1010101010|2512801234|0202020202|2712851234/;

function capture(level = 'info'): { logger: pino.Logger; out: LogCapture } {
  const out = new LogCapture();
  return { logger: pino(createPinoOptions({ serviceName: 'test-service', level }), out), out };
}

describe('createPinoOptions', () => {
  it('writes one JSON line per entry with service, level label and ISO time', () => {
    const { logger, out } = capture();
    logger.info({ bundleId: 'b-1' }, 'bundle stored');
    const [line] = out.lines();
    expect(line).toMatchObject({
      service: 'test-service',
      level: 'info',
      bundleId: 'b-1',
      msg: 'bundle stored',
    });
    expect(line?.['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('honours the level', () => {
    const { logger, out } = capture('warn');
    logger.info('dropped');
    logger.warn('kept');
    expect(out.lines().map((l) => l['msg'])).toEqual(['kept']);
  });

  it('masks a CPR in the message, a nested field and an array', () => {
    const { logger, out } = capture();
    logger.info(
      { party: { note: 'holder 0101901234' }, list: ['x 311299-1235'] },
      'changed account of 1010101010',
    );
    expect(out.raw()).not.toMatch(CPRS);
    expect(out.lines()[0]).toMatchObject({
      msg: `changed account of ${CPR_MASK}`,
      party: { note: `holder ${CPR_MASK}` },
      list: [`x ${CPR_MASK}`],
    });
  });

  it('masks a CPR in an error message and stack, whichever way the error is passed', () => {
    const { logger, out } = capture();
    logger.error({ err: new Error('no NemKonto for 2512801234') }, 'failed');
    logger.error(new Error('no NemKonto for 0202020202'));
    logger.error({ err: new Error('lookup of 2712851234') });
    expect(out.raw()).not.toMatch(CPRS);
    const [first, second, third] = out.lines();
    expect(first?.['err']).toMatchObject({ type: 'Error', message: `no NemKonto for ${CPR_MASK}` });
    expect((first?.['err'] as { stack: string }).stack).toContain(
      `Error: no NemKonto for ${CPR_MASK}\n    at `,
    );
    expect(second).toMatchObject({
      msg: `no NemKonto for ${CPR_MASK}`,
      err: { message: `no NemKonto for ${CPR_MASK}` },
    });
    expect(third).toMatchObject({ msg: `lookup of ${CPR_MASK}` });
  });

  it('masks fields named cpr, cprNumber, partyId and personId whatever they hold', () => {
    const { logger, out } = capture();
    logger.info({ cpr: 'garbled', cprNumber: 101901234, lookup: { partyId: 42, personId: 'p-7' } }, 'lookup');
    expect(out.lines()[0]).toMatchObject({
      cpr: CPR_MASK,
      cprNumber: CPR_MASK,
      lookup: { partyId: CPR_MASK, personId: CPR_MASK },
    });
  });

  it('masks a dashed CPR but not a 12-digit number or an 8-digit CVR', () => {
    const { logger, out } = capture();
    logger.info(
      { ref: '123456789012', cvr: '13748136', holder: '010190-1234' },
      'cvr 13748136 ref 123456789012',
    );
    expect(out.lines()[0]).toMatchObject({
      ref: '123456789012',
      cvr: '13748136',
      holder: CPR_MASK,
      msg: 'cvr 13748136 ref 123456789012',
    });
  });

  it('masks interpolation arguments', () => {
    const { logger, out } = capture();
    logger.info('%s asked for %o (%s)', '0101901234', { holder: '311299-1235' }, new Error('for 1010101010'));
    expect(out.raw()).not.toMatch(CPRS);
    expect(out.lines()[0]?.['msg']).toBe(
      `${CPR_MASK} asked for {"holder":"${CPR_MASK}"} (Error: for ${CPR_MASK})`,
    );
  });

  it('masks the bindings of child loggers', () => {
    const { logger, out } = capture();
    logger
      .child({ partyId: 42, note: 'case 311299-1235', nested: { holder: '0101901234' } })
      .child({ cprNumber: 'x' })
      .info('x');
    expect(out.raw()).not.toMatch(CPRS);
    expect(out.lines()[0]).toMatchObject({
      partyId: CPR_MASK,
      cprNumber: CPR_MASK,
      note: `case ${CPR_MASK}`,
      nested: { holder: CPR_MASK },
    });
  });

  it('masks what a later serializer adds, keeping the line valid JSON and numbers as numbers', () => {
    const out = new LogCapture();
    const options = createPinoOptions({ serviceName: 'test-service', level: 'info' });
    const logger = pino(
      { ...options, serializers: { ...options.serializers, party: () => 'holder 0101901234' } },
      out,
    );
    logger.info({ party: {}, amountOre: 1512991234 }, 'paid');
    expect(out.raw()).not.toContain('0101901234');
    expect(out.lines()[0]).toMatchObject({ party: `holder ${CPR_MASK}`, amountOre: 1512991234 });
  });

  it('logs a request as id, method and path, without query string or headers', () => {
    const { logger, out } = capture();
    logger.info(
      {
        req: {
          id: 'r-1',
          method: 'GET',
          url: '/parties/0101901234?cpr=0101901234',
          headers: { authorization: 'x' },
        },
        res: { statusCode: 200, headers: { 'set-cookie': 'x' } },
      },
      'done',
    );
    expect(out.lines()[0]).toMatchObject({
      req: { id: 'r-1', method: 'GET', path: `/parties/${CPR_MASK}` },
      res: { statusCode: 200 },
    });
    expect(out.raw()).not.toMatch(/cpr=|authorization|set-cookie/);
  });
});
