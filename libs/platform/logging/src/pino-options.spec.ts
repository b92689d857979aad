import pino from 'pino';
import { Writable } from 'node:stream';
import { maskPersonalData } from './mask-personal-data';
import { createPinoOptions } from './pino-options';

function capture(): { logger: pino.Logger; lines: () => Record<string, unknown>[]; raw: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = pino(createPinoOptions({ serviceName: 'test', level: 'info' }), stream);
  return {
    logger,
    raw: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('logging with personal data masked', () => {
  it('masks CPR numbers in the message, nested fields, arrays and errors', () => {
    const { logger, raw, lines } = capture();
    logger.info(
      { party: { note: 'holder 0101901234' }, list: ['x 311299-1235'] },
      'changed account of 1010101010',
    );
    logger.error({ err: new Error('no NemKonto for 2512801234') }, 'failed');
    expect(raw()).not.toMatch(/0101901234|311299-1235|1010101010|2512801234/);
    const [first, second] = lines();
    expect(first?.['msg']).toBe('changed account of ******-****');
    expect(first?.['party']).toEqual({ note: 'holder ******-****' });
    expect(first?.['list']).toEqual(['x ******-****']);
    expect(JSON.stringify(second?.['err'])).toContain('no NemKonto for ******-****');
    expect(first?.['service']).toBe('test');
  });

  it('masks fields named after personal identifiers whatever they hold', () => {
    const { logger, lines } = capture();
    logger.info({ cpr: 'garbled', partyId: 42 }, 'lookup');
    expect(lines()[0]).toMatchObject({ cpr: '******-****', partyId: '******-****' });
  });

  it('leaves CVR numbers, longer digit runs and impossible dates alone', () => {
    expect(maskPersonalData('cvr 13748136, ref 123456789012, code 9999991234')).toBe(
      'cvr 13748136, ref 123456789012, code 9999991234',
    );
  });

  it('copes with cycles', () => {
    const a: Record<string, unknown> = { cprNumber: '0101901234' };
    a['self'] = a;
    expect(maskPersonalData(a)).toEqual({ cprNumber: '******-****', self: '[Circular]' });
  });
});
