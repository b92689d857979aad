import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aCompanyCreated, aPersonCreated, anAddress, everyEvent } from './feed-event.builders';
import { parseJsonFeedEvent, writeJsonFeedEvent } from './feed-json-event';
import { readFeedLines } from './feed-lines';
import { parseDataRecord, parseEndRecord, parseStartRecord } from './feed-record-reader';
import { writeDataRecord, writeEndRecord, writeStartRecord } from './feed-record-writer';
import { RECORD_CODES, RECORD_WIDTHS } from './record-layout';

const reason = (line: string): string => {
  const r = parseDataRecord(line);
  if (r.ok) throw new Error('expected a malformed record');
  return r.reason;
};

describe('feed records (fixed width, ISO 8859-1)', () => {
  it.each(everyEvent().map((e) => [e.type, e] as const))('writes and reads back %s', (_, event) => {
    const line = writeDataRecord(event);
    expect(line.length).toBe(RECORD_WIDTHS[RECORD_CODES[event.type]]);
    expect(parseDataRecord(line)).toEqual({ ok: true, value: event });
    // Trailing blanks may be trimmed by the sender.
    expect(parseDataRecord(line.trimEnd())).toEqual({ ok: true, value: event });
  });

  it('puts the fields in the documented columns', () => {
    const line = writeDataRecord(aPersonCreated({ sequenceNo: 42 }));
    expect(line.slice(0, 3)).toBe('001');
    expect(line.slice(3, 15)).toBe('000000000042');
    expect(line.slice(15, 25)).toBe('2110625629');
    expect(line.slice(25, 33)).toBe('20260105');
    expect(line.slice(33, 83).trimEnd()).toBe('Søren Ærø');
    expect(line.slice(83, 123).trimEnd()).toBe('Højgaard');
    expect(line.slice(123, 163).trimEnd()).toBe('Østergade');
    expect(line.slice(163, 167)).toBe('12B ');
    expect(line.slice(173, 177)).toBe('8000');
    expect(line.slice(197, 199)).toBe('0A');
    // One column is one byte in ISO 8859-1.
    expect(Buffer.from(line, 'latin1').length).toBe(207);
    const company = writeDataRecord(aCompanyCreated());
    expect(company.slice(15, 25)).toBe('13748136  ');
  });

  it('reads a person without an address, and a dead one with the date of death', () => {
    const dead = aPersonCreated({ address: null, status: 'DEAD', statusDate: '2025-12-24' });
    expect(parseDataRecord(writeDataRecord(dead))).toEqual({ ok: true, value: dead });
  });

  it('accepts CPR numbers without modulus 11 (issued since 2007)', () => {
    const e = aPersonCreated({ cpr: '0101505123' });
    expect(parseDataRecord(writeDataRecord(e)).ok).toBe(true);
  });

  it('reports a malformed field by its columns and rule, never its value', () => {
    const good = writeDataRecord(aPersonCreated());
    expect(reason('007' + good.slice(3))).toMatch(/columns 1-3: unknown record type/);
    expect(reason(good.slice(0, 3) + 'x' + good.slice(4))).toBe(
      'columns 4-15: sequence number must be digits',
    );
    const badCpr = good.slice(0, 15) + '3213901234' + good.slice(25);
    expect(reason(badCpr)).toBe('columns 16-25: CPR number is not valid (10 digits, a real birth date)');
    expect(reason(badCpr)).not.toContain('3213901234');
    expect(reason(good.slice(0, 25) + '20260230' + good.slice(33))).toMatch(/columns 26-33: effective date/);
    expect(reason(good.slice(0, 33) + ' '.repeat(50) + good.slice(83))).toBe(
      'columns 34-83: first names is missing',
    );
    expect(reason(good.slice(0, 173) + '80X0' + good.slice(177))).toBe(
      'columns 174-177: postcode must be 4 digits',
    );
    expect(reason(good.slice(0, 197) + '2' + good.slice(198))).toBe('column 198: protection must be 0 or 1');
    expect(reason(good.slice(0, 198) + 'Q' + good.slice(199))).toMatch(
      /column 199: person status must be one of A, D, E, U/,
    );
    expect(reason(good.slice(0, 198) + 'D' + good.slice(199))).toBe(
      'columns 200-207: status date is missing',
    );
    expect(reason(good + 'x')).toMatch(/at most 207/);
    const company = writeDataRecord(aCompanyCreated());
    expect(reason(company.slice(0, 15) + '13748137' + company.slice(23))).toMatch(/CVR number is not valid/);
  });

  it('refuses to write what the layout cannot hold', () => {
    expect(() => writeDataRecord(aPersonCreated({ lastName: 'x'.repeat(41) }))).toThrow(/longer than 40/);
    expect(() => writeDataRecord(aPersonCreated({ lastName: 'Ŧ' }))).toThrow(/ISO 8859-1/);
    expect(() => writeDataRecord(aPersonCreated({ address: anAddress({ city: 'a\nb' }) }))).toThrow(
      /ISO 8859-1/,
    );
  });

  it('writes and reads start and end records', () => {
    const header = {
      source: 'CPR',
      kind: 'CHANGE' as const,
      firstSequenceNo: 6_000_001,
      lastSequenceNo: 6_010_000,
      createdAt: '2026-02-01T05:30:00',
    };
    const start = writeStartRecord(header);
    expect(start).toBe('000CPR       C0000060000010000060100002026020105300' + '0');
    expect(parseStartRecord(start)).toEqual({ ok: true, value: header });
    expect(parseEndRecord(writeEndRecord(10_000))).toEqual({ ok: true, value: { recordCount: 10_000 } });
    expect(parseStartRecord('001')).toMatchObject({ ok: false });
    expect(parseStartRecord(start.slice(0, 26) + '000000000009' + start.slice(38))).toEqual({
      ok: false,
      reason: 'the last sequence number is below the first',
    });
    expect(parseEndRecord('999abc')).toEqual({
      ok: false,
      reason: 'columns 4-15: record count must be digits',
    });
  });

  it('reads files in line batches with LF or CRLF endings and line numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feed-lines-'));
    const path = join(dir, 'f.txt');
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i + 1} ø`);
    writeFileSync(path, Buffer.from(lines.join('\r\n') + '\n', 'latin1'));
    const seen: string[] = [];
    for await (const batch of readFeedLines(path, 4096)) {
      expect(batch.firstLineNo).toBe(seen.length + 1);
      seen.push(...batch.lines);
    }
    expect(seen).toEqual(lines);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('JSON feed events', () => {
  it.each(everyEvent().map((e) => [e.type, e] as const))('writes and reads back %s', (_, event) => {
    expect(parseJsonFeedEvent(Buffer.from(writeJsonFeedEvent('CPR', event)))).toEqual({
      ok: true,
      value: { source: 'CPR', event },
    });
  });

  it('defaults optional address parts to null', () => {
    const body = JSON.stringify({
      source: 'CPR',
      sequenceNo: 7,
      type: 'person.address-changed',
      effectiveDate: '2026-02-01',
      cpr: '2110625629',
      address: { street: 'Torvet', postcode: '4000', city: 'Roskilde' },
    });
    const r = parseJsonFeedEvent(Buffer.from(body));
    expect(r.ok && r.value.event).toMatchObject({
      address: { street: 'Torvet', houseNo: null, floor: null, door: null },
    });
  });

  it.each([
    ['not JSON', '{', 'the body is not JSON'],
    [
      'an unknown type',
      { source: 'CPR', sequenceNo: 1, effectiveDate: '2026-01-01', type: 'person.moved' },
      /^type:/,
    ],
    [
      'a bad CPR number',
      { ...aPersonCreated(), cpr: '3213901234', source: 'CPR' },
      /^cpr: a valid CPR number/,
    ],
    ['a zero sequence number', { ...aPersonCreated(), sequenceNo: 0, source: 'CPR' }, /^sequenceNo:/],
    ['an unknown field', { ...aPersonCreated(), source: 'CPR', extra: 1 }, /unrecognized|Unrecognized/],
    ['a dead person without date', { ...aPersonCreated(), status: 'DEAD', source: 'CPR' }, /^statusDate:/],
    ['a name too long', { ...aPersonCreated(), lastName: 'x'.repeat(41), source: 'CPR' }, /^lastName:/],
    [
      'a name outside ISO 8859-1',
      { ...aPersonCreated(), firstNames: 'Łukasz', source: 'CPR' },
      /^firstNames: ISO 8859-1/,
    ],
  ])('rejects %s with a reason', (_, body, expected) => {
    const r = parseJsonFeedEvent(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(expected);
      expect(r.reason).not.toContain('3213901234');
    }
  });
});
