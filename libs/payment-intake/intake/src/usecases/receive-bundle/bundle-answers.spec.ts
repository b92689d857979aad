import { PAIN002_NAMESPACE, writePain002 } from '@nemkonto/payment-intake-pain002';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import {
  BundleRejectionCode,
  Pain001FormatCode,
  PaymentRejectionCode,
} from '@nemkonto/payment-intake-pain001';
import { bundleAnswers } from './bundle-answers';
import { ReceiveBundleResult } from './receive-bundle.result';

const xsd = readFileSync(
  join(__dirname, '..', '..', '..', '..', 'pain002', 'schema', 'nemkonto-pain.002.001.10.xsd'),
  'utf8',
);
const now = new Date('2026-01-15T08:00:01Z');

async function xsdValid(xml: string): Promise<string[]> {
  const r = await validateXML({
    xml: [{ fileName: 'a.xml', contents: xml }],
    schema: [{ fileName: 'p.xsd', contents: xsd }],
  });
  return r.errors.map((e) => e.message);
}

const received: ReceiveBundleResult = {
  answer: 1,
  status: 'RECEIVED',
  bundleKey: '00000000-0000-4000-8000-000000000001',
  msgId: 'UDK-1',
  resend: false,
  paymentCount: 3,
  acceptedCount: 2,
  acceptedSumOre: 300,
  rejected: [
    {
      index: 1,
      pmtInfId: 'PI-1',
      endToEndId: 'E-1',
      code: PaymentRejectionCode.AMOUNT_TOO_MANY_DECIMALS,
      reason: 'the amount has more than 2 decimals & <more>',
    },
  ],
};

jest.setTimeout(30_000);

describe('bundle answers as pain.002', () => {
  it('answers a received bundle with 1 (ACTC) and 2 (PART, listing the rejected payment)', async () => {
    const [one, two] = bundleAnswers('UDK', received, now);
    expect(one).toMatchObject({ code: 1, groupStatus: 'ACTC', originalMsgId: 'UDK-1', originalCount: 3 });
    expect(two).toMatchObject({
      code: 2,
      groupStatus: 'PART',
      transactions: [{ endToEndId: 'E-1', status: 'RJCT', reasonCode: 'AMOUNT_TOO_MANY_DECIMALS' }],
    });
    const xml = writePain002(two!);
    expect(xml).toContain(`xmlns="${PAIN002_NAMESPACE}"`);
    expect(xml).toContain('<OrgnlPmtInfId>PI-1</OrgnlPmtInfId>');
    expect(xml).toContain(
      '<Prtry>NK2-AMOUNT_TOO_MANY_DECIMALS</Prtry></Rsn><AddtlInf>the amount has more than 2 decimals &amp; &lt;more&gt;</AddtlInf>',
    );
    expect(await xsdValid(writePain002(one!))).toEqual([]);
    expect(await xsdValid(xml)).toEqual([]);
  });

  it('answers a rejected bundle with 1 (RJCT) and its reason code, and unreadable XML with 0', async () => {
    const [rejected] = bundleAnswers(
      'UDK',
      {
        answer: 1,
        status: 'REJECTED',
        msgId: 'UDK-2',
        code: BundleRejectionCode.COUNT_MISMATCH,
        reason: 'NbOfTxs says 2',
      },
      now,
    );
    expect(writePain002(rejected!)).toContain(
      '<GrpSts>RJCT</GrpSts><StsRsnInf><Rsn><Prtry>NK1-COUNT_MISMATCH</Prtry>',
    );
    const unreadable = (documentHash: string): ReceiveBundleResult => ({
      answer: 0,
      code: Pain001FormatCode.DOCTYPE_NOT_ALLOWED,
      reason: 'a DOCTYPE or markup declaration is not allowed',
      documentHash,
    });
    const [zero] = bundleAnswers('UDK', unreadable('a'.repeat(64)), now);
    expect(writePain002(zero!)).toContain('<Prtry>NK0-DOCTYPE_NOT_ALLOWED</Prtry>');
    // Two different documents refused for the same reason are two answers.
    expect(bundleAnswers('UDK', unreadable('b'.repeat(64)), now)[0]?.answerId).not.toBe(zero?.answerId);
    expect(await xsdValid(writePain002(rejected!))).toEqual([]);
    expect(await xsdValid(writePain002(zero!))).toEqual([]);
  });

  it('gives a resend the same answer ids', () => {
    const first = bundleAnswers('UDK', received, now).map((a) => a.answerId);
    const again = bundleAnswers(
      'UDK',
      { ...(received as Extract<ReceiveBundleResult, { status: 'RECEIVED' }>), resend: true },
      new Date(),
    ).map((a) => a.answerId);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(2);
    expect(first.every((id) => id.length <= 35)).toBe(true);
  });
});
