import { PartnerDocumentTypes } from '@nemkonto/contracts';
import { readLookupBundle } from './lookup-bundle.command';

const CPR = '0101701234';
const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v));
const bundle = (items: unknown[], bundleId = 'B-1'): Buffer => json({ bundleId, items });
const item = (reference: string, value = CPR, kind = 'CPR'): unknown => ({
  reference,
  party: { kind, value },
});

describe('reading a lookup bundle', () => {
  it('reads the items in order, answering an invalid party as invalid without stopping the rest', () => {
    const read = readLookupBundle(
      bundle([item('a'), item('b', '3213701234'), item('c', '25313763', 'CVR')]),
      null,
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.bundleId).toBe('B-1');
    expect(read.items).toEqual([
      { reference: 'a', party: { kind: 'CPR', value: CPR }, invalid: null },
      { reference: 'b', party: null, invalid: { code: 'CPR_DATE', field: 'items[1].party.value' } },
      { reference: 'c', party: { kind: 'CVR', value: '25313763' }, invalid: null },
    ]);
  });

  it('hashes the content, not its formatting: the same bundle pretty-printed has the same hash', () => {
    const items = [item('a'), item('b')];
    const a = readLookupBundle(bundle(items), PartnerDocumentTypes.payerLookupBundle);
    const b = readLookupBundle(Buffer.from(JSON.stringify({ items, bundleId: 'B-1' }, null, 2)), null);
    const c = readLookupBundle(bundle([item('a'), item('b', '0202702345')]), null);
    expect(a.ok && b.ok && a.contentSha256 === b.contentSha256).toBe(true);
    expect(a.ok && c.ok && a.contentSha256 !== c.contentSha256).toBe(true);
  });

  it('refuses more than 10,000 items as BUNDLE_TOO_LARGE, naming the bundle', () => {
    const read = readLookupBundle(bundle(Array.from({ length: 10_001 }, (_, i) => item(`r${i}`))), null);
    expect(read).toMatchObject({ ok: false, code: 'BUNDLE_TOO_LARGE', bundleId: 'B-1' });
    expect(readLookupBundle(Buffer.alloc(9 * 1024 * 1024, 32), null)).toMatchObject({
      ok: false,
      code: 'BUNDLE_TOO_LARGE',
    });
  });

  it.each([
    ['not JSON', Buffer.from('{"bundleId": "B-1", '), null],
    ['no items', json({ bundleId: 'B-1', items: [] }), 'B-1'],
    ['a bad bundle id', json({ bundleId: 'no spaces please', items: [item('a')] }), null],
    [
      'an item without reference',
      json({ bundleId: 'B-2', items: [{ party: { kind: 'CPR', value: CPR } }] }),
      'B-2',
    ],
    ['an array', json([item('a')]), null],
  ])('refuses %s as BUNDLE_MALFORMED', (_, body, bundleId) => {
    const read = readLookupBundle(body, null);
    expect(read).toMatchObject({ ok: false, code: 'BUNDLE_MALFORMED', bundleId });
    expect(JSON.stringify(read)).not.toContain(CPR);
  });

  it('refuses a document of another AMQP type', () => {
    expect(readLookupBundle(bundle([item('a')]), 'pain.001.001.09')).toMatchObject({
      ok: false,
      code: 'BUNDLE_MALFORMED',
    });
  });
});
