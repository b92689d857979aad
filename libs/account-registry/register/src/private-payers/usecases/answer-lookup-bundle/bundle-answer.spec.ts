import { payerLookupAnswerSchema } from '@nemkonto/contracts';
import { answeredDocument, rejectedDocument } from './bundle-answer';

const at = new Date('2026-11-25T10:00:00.000Z');
const account = { kind: 'DK' as const, regNo: '3001', accountNo: '0012345678' };
const bundle = {
  bundleId: 'B-1',
  contentSha256: 'c'.repeat(64),
  items: [
    { reference: 'a', party: { kind: 'CPR' as const, value: '0101701234' }, invalid: null },
    { reference: 'b', party: null, invalid: { code: 'CPR_DATE', field: 'items[1].party.value' } },
    { reference: 'c', party: { kind: 'CPR' as const, value: '0202702345' }, invalid: null },
  ],
};
const hits = [
  { outcome: 'FOUND' as const, account },
  { outcome: 'OPTED_OUT' as const, account: null },
];

describe('answers to lookup bundles', () => {
  it('answers every item in order, per the payer mode, valid against the published schema', () => {
    const full = JSON.parse(answeredDocument('ACME', 'FULL', bundle, hits, at).text) as unknown;
    expect(payerLookupAnswerSchema.parse(full)).toMatchObject({
      bundleId: 'B-1',
      status: 'ANSWERED',
      results: [
        { reference: 'a', found: true, account },
        { reference: 'b', invalid: true, code: 'CPR_DATE' },
        { reference: 'c', found: false, code: 'OPTED_OUT' },
      ],
    });
    const yesNo = JSON.parse(answeredDocument('ACME', 'YES_NO', bundle, hits, at).text) as {
      results: unknown[];
    };
    expect(yesNo.results).toEqual([
      { reference: 'a', registered: true },
      { reference: 'b', invalid: true, code: 'CPR_DATE', field: 'items[1].party.value' },
      { reference: 'c', registered: false },
    ]);
  });

  it('gives the same bundle the same answer id, whenever it is built, and other content another', () => {
    const a = answeredDocument('ACME', 'FULL', bundle, hits, at);
    const b = answeredDocument('ACME', 'FULL', bundle, hits, new Date());
    const c = answeredDocument('ACME', 'FULL', { ...bundle, contentSha256: 'd'.repeat(64) }, hits, at);
    expect(a.answerId).toBe(b.answerId);
    expect(c.answerId).not.toBe(a.answerId);
    expect(a.answerId).toMatch(/^PLA-[0-9a-f]{32}$/);
  });

  it('refuses a bundle with its code and, when throttled, the seconds to wait', () => {
    const doc = rejectedDocument(
      'ACME',
      'B-1',
      { code: 'THROTTLED', message: 'later', retryAfterSeconds: 12 },
      'msg-1',
      at,
    );
    expect(payerLookupAnswerSchema.parse(JSON.parse(doc.text))).toMatchObject({
      status: 'REJECTED',
      code: 'THROTTLED',
      retryAfterSeconds: 12,
      results: [],
    });
  });
});
