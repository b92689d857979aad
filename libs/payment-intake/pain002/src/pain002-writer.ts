import { NemKontoAnswer, TransactionAnswer } from './nemkonto-answer';

export const PAIN002_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.002.001.10';

const esc = (v: string): string =>
  v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const max = (v: string, n: number): string => (v.length > n ? v.slice(0, n) : v);

// Writes one NemKonto answer as a pain.002.001.10 CustomerPaymentStatusReport in the profile of
// libs/payment-intake/pain002/schema. Transactions are grouped by their original PmtInf.
export function writePain002(answer: NemKontoAnswer): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="${PAIN002_NAMESPACE}"><CstmrPmtStsRpt>`,
    `<GrpHdr><MsgId>${esc(max(answer.answerId, 35))}</MsgId><CreDtTm>${answer.createdAt.toISOString()}</CreDtTm>`,
    '<InitgPty><Nm>NemKonto</Nm></InitgPty></GrpHdr>',
    '<OrgnlGrpInfAndSts>',
    `<OrgnlMsgId>${esc(max(answer.originalMsgId ?? 'UNKNOWN', 35))}</OrgnlMsgId><OrgnlMsgNmId>${answer.originalMsgName ?? 'pain.001.001.09'}</OrgnlMsgNmId>`,
    answer.originalCount === null ? '' : `<OrgnlNbOfTxs>${answer.originalCount}</OrgnlNbOfTxs>`,
    `<GrpSts>${answer.groupStatus}</GrpSts>`,
    reasonInfo(
      `NK${answer.code}${answer.groupReasonCode ? `-${answer.groupReasonCode}` : ''}`,
      answer.groupReason,
    ),
    '</OrgnlGrpInfAndSts>',
  ];
  const byPmtInf = new Map<string, TransactionAnswer[]>();
  for (const t of answer.transactions) {
    const key = t.pmtInfId ?? '';
    byPmtInf.set(key, [...(byPmtInf.get(key) ?? []), t]);
  }
  for (const [pmtInfId, txs] of byPmtInf) {
    out.push(`<OrgnlPmtInfAndSts><OrgnlPmtInfId>${esc(max(pmtInfId || 'UNKNOWN', 35))}</OrgnlPmtInfId>`);
    for (const t of txs) {
      out.push(
        `<TxInfAndSts><OrgnlEndToEndId>${esc(max(t.endToEndId, 35))}</OrgnlEndToEndId><TxSts>${t.status}</TxSts>`,
        reasonInfo(`NK${answer.code}-${t.reasonCode}`, t.reason),
        '</TxInfAndSts>',
      );
    }
    out.push('</OrgnlPmtInfAndSts>');
  }
  out.push('</CstmrPmtStsRpt></Document>');
  return out.join('');
}

function reasonInfo(code: string, text: string | null): string {
  return `<StsRsnInf><Rsn><Prtry>${esc(max(code, 35))}</Prtry></Rsn>${text ? `<AddtlInf>${esc(max(text, 105))}</AddtlInf>` : ''}</StsRsnInf>`;
}
