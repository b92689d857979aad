import { CPR_MASK, maskCprInText, maskPersonalData } from './mask-personal-data';

describe('maskCprInText', () => {
  it.each([
    ['0101901234', CPR_MASK],
    ['010190-1234', CPR_MASK],
    ['3112991234', CPR_MASK],
    ['for 2902001234.', `for ${CPR_MASK}.`],
    ['a=0101901234,b=311299-1235', `a=${CPR_MASK},b=${CPR_MASK}`],
    ['(1010101010)', `(${CPR_MASK})`],
  ])('masks the CPR-like %j', (input, expected) => {
    expect(maskCprInText(input)).toBe(expected);
  });

  it.each([
    ['an 8-digit CVR', 'cvr 13748136'],
    ['a 12-digit reference', 'ref 123456789012'],
    ['an 11-digit run', '01019012345'],
    ['ten digits inside a longer run', 'x10101010101x'],
    ['day 00', '0001901234'],
    ['day 32', '3201901234'],
    ['month 00', '0100901234'],
    ['month 13', '0113901234'],
    ['a dashed number with a long tail', '010190-12345'],
    ['a dashed number with a long head', '1010190-1234'],
    ['nine digits', '010190123'],
    ['an ISO timestamp', '2025-01-01T10:10:10.101Z'],
  ])('leaves %s alone', (_label, input) => {
    expect(maskCprInText(input)).toBe(input);
  });
});

describe('maskPersonalData', () => {
  it('masks strings at any depth in objects and arrays, leaving other primitives', () => {
    expect(
      maskPersonalData({ a: { b: ['x 0101901234', 7, true, null, undefined] }, n: 1010101010, s: 'ok' }),
    ).toEqual({ a: { b: [`x ${CPR_MASK}`, 7, true, null, undefined] }, n: 1010101010, s: 'ok' });
  });

  it('masks fields named after personal identifiers, whatever they hold and however deep', () => {
    expect(
      maskPersonalData({
        cpr: 'garbled',
        deep: { list: [{ cprNumber: 101901234, PartyId: { x: 1 }, person_id: 'p-1', personId: null }] },
      }),
    ).toEqual({
      cpr: CPR_MASK,
      deep: { list: [{ cprNumber: CPR_MASK, PartyId: CPR_MASK, person_id: CPR_MASK, personId: null }] },
    });
  });

  it('turns errors into plain objects with masked message, stack, fields and cause', () => {
    const cause = new Error('lookup of 0101901234 failed');
    const err = Object.assign(new Error('no NemKonto for 2512801234', { cause }), {
      code: 'NO_ACCOUNT',
      parameters: ['2512801234'],
    });
    const masked = maskPersonalData(err) as Record<string, unknown>;
    expect(masked).toMatchObject({
      type: 'Error',
      message: `no NemKonto for ${CPR_MASK}`,
      code: 'NO_ACCOUNT',
      parameters: [CPR_MASK],
      cause: { type: 'Error', message: `lookup of ${CPR_MASK} failed` },
    });
    expect(masked['stack']).toContain(`no NemKonto for ${CPR_MASK}`);
    expect(JSON.stringify(masked)).not.toMatch(/0101901234|2512801234/);
  });

  it('marks cycles but repeats an object shared by siblings', () => {
    const shared = { note: '0101901234' };
    const a: Record<string, unknown> = { cprNumber: '0101901234', one: shared, two: shared };
    a['self'] = a;
    expect(maskPersonalData(a)).toEqual({
      cprNumber: CPR_MASK,
      one: { note: CPR_MASK },
      two: { note: CPR_MASK },
      self: '[Circular]',
    });
  });

  it('drops what lies beyond the depth limit instead of passing it through unmasked', () => {
    let deep: Record<string, unknown> = { note: '0101901234' };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    const text = JSON.stringify(maskPersonalData(deep));
    expect(text).toContain('[Truncated]');
    expect(text).not.toContain('0101901234');
  });

  it('shows dates, maps, sets and buffers as JSON would, readably, and masked', () => {
    expect(
      maskPersonalData({
        at: new Date('2025-01-02T03:04:05.000Z'),
        map: new Map([['k', '0101901234']]),
        set: new Set(['0101901234']),
        bytes: Buffer.from('0101901234'),
        value: { toJSON: () => 'holder 0101901234' },
      }),
    ).toEqual({
      at: '2025-01-02T03:04:05.000Z',
      map: { k: CPR_MASK },
      set: [CPR_MASK],
      bytes: '[binary, 10 bytes]',
      value: `holder ${CPR_MASK}`,
    });
  });

  it('does not modify its input', () => {
    const input = { cpr: '0101901234', list: ['0101901234'] };
    maskPersonalData(input);
    expect(input).toEqual({ cpr: '0101901234', list: ['0101901234'] });
  });
});
