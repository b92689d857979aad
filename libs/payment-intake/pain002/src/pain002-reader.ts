import { SaxesParser } from 'saxes';

// What an authority's system reads from a pain.002 answer: the NemKonto answer code (from the
// group reason NK<code>), the group status, and per payment its status and reason.
export interface ReadAnswer {
  readonly answerId: string;
  readonly originalMsgId: string;
  readonly code: number;
  readonly groupStatus: string;
  // The specific reason after NK<code>- (e.g. COUNT_MISMATCH), null when there is none.
  readonly groupReasonCode: string | null;
  readonly groupReason: string | null;
  readonly transactions: readonly {
    endToEndId: string;
    status: string;
    reasonCode: string;
    reason: string | null;
  }[];
}

export function readPain002(xml: string): ReadAnswer {
  const parser = new SaxesParser({ xmlns: false });
  const path: string[] = [];
  let text = '';
  const f: Record<string, string> = {};
  let tx: Record<string, string> | null = null;
  const txs: ReadAnswer['transactions'][number][] = [];
  parser.on('doctype', () => {
    throw new Error('a DOCTYPE is not allowed');
  });
  parser.on('opentag', (t) => {
    path.push(t.name);
    if (t.name === 'TxInfAndSts') tx = {};
    text = '';
  });
  parser.on('text', (t) => (text += t));
  parser.on('closetag', (t) => {
    const p = path.join('/');
    if (tx) {
      if (t.name === 'TxInfAndSts') {
        txs.push({
          endToEndId: tx['OrgnlEndToEndId'] ?? '',
          status: tx['TxSts'] ?? '',
          reasonCode: (tx['Prtry'] ?? '').replace(/^NK\d-/, ''),
          reason: tx['AddtlInf'] ?? null,
        });
        tx = null;
      } else tx[t.name] = text;
    } else if (p.endsWith('GrpHdr/MsgId')) f['answerId'] = text;
    else if (p.endsWith('OrgnlGrpInfAndSts/OrgnlMsgId')) f['orgnlMsgId'] = text;
    else if (p.endsWith('OrgnlGrpInfAndSts/GrpSts')) f['grpSts'] = text;
    else if (p.endsWith('OrgnlGrpInfAndSts/StsRsnInf/Rsn/Prtry')) f['grpRsn'] = text;
    else if (p.endsWith('OrgnlGrpInfAndSts/StsRsnInf/AddtlInf')) f['grpInf'] = text;
    path.pop();
    text = '';
  });
  parser.write(xml).close();
  const code = /^NK(\d)/.exec(f['grpRsn'] ?? '')?.[1];
  if (code === undefined) throw new Error('the answer carries no NemKonto answer code (NK<code>)');
  return {
    answerId: f['answerId'] ?? '',
    originalMsgId: f['orgnlMsgId'] ?? '',
    code: Number(code),
    groupStatus: f['grpSts'] ?? '',
    groupReasonCode: /^NK\d-(.+)$/.exec(f['grpRsn'] ?? '')?.[1] ?? null,
    groupReason: f['grpInf'] ?? null,
    transactions: txs,
  };
}
