import { binaryCopyChunks, parseBinaryCopy } from './binary-copy';

// Written by PostgreSQL 15: COPY (SELECT 'a'::text, NULL::text, 'ø'::text
//   UNION ALL SELECT '', 'x', NULL) TO STDOUT (FORMAT binary)
const FROM_SERVER = Buffer.from(
  '5047434f50590aff0d0a0000000000000000000003000000016' +
    '1ffffffff00000002c3b80003000000000000000178ffffffffffff',
  'hex',
);

const text = (s: string): Buffer => Buffer.from(s, 'utf8');

describe('binary COPY', () => {
  it('reads the rows PostgreSQL writes, keeping NULL and empty apart', () => {
    expect(parseBinaryCopy(FROM_SERVER)).toEqual([
      [text('a'), null, text('ø')],
      [text(''), text('x'), null],
    ]);
  });

  it('writes exactly what PostgreSQL writes', () => {
    const rows = [
      [text('a'), null, text('ø')],
      [text(''), text('x'), null],
    ];
    expect(Buffer.concat(binaryCopyChunks(rows))).toEqual(FROM_SERVER);
  });

  it('passes large fields on without copying them, and reads them back whole', () => {
    const body = Buffer.alloc(300_000, 'x');
    const chunks = binaryCopyChunks([[text('id'), body, text('{}')]]);
    expect(chunks).toContain(body);
    const [row] = parseBinaryCopy(Buffer.concat(chunks));
    expect(row).toHaveLength(3);
    expect(row?.[1]?.equals(body)).toBe(true);
    expect(row?.[2]?.toString()).toBe('{}');
  });

  it('refuses a stream that is not binary COPY or is cut short', () => {
    expect(() => parseBinaryCopy(text('a\tb\n'))).toThrow(/not a binary COPY/);
    expect(() => parseBinaryCopy(FROM_SERVER.subarray(0, 30))).toThrow();
  });
});
