import { amountToMicro, formatMicro } from './check-bundle';
import { PAIN001_NAMESPACE } from './pain001.model';

export interface Pain001TransactionInput {
  readonly endToEndId: string;
  readonly amount: string;
  readonly currency?: string;
  readonly creditorName?: string;
  readonly creditor: { readonly scheme: 'CPR' | 'CVR' | 'SE' | 'P'; readonly id: string };
  // Present = complete payment. `other` is reg.nr + account (14 digits).
  readonly creditorAccount?: { readonly iban: string; readonly bic?: string } | { readonly other: string };
  readonly benefitType: string;
  readonly adviceText?: string;
}

export interface Pain001Input {
  readonly msgId: string;
  readonly createdAt: string;
  readonly authorityId: string;
  readonly authorityName: string;
  // Omitted: computed from the transactions. Given: written as is (to test wrong totals).
  readonly declaredCount?: string;
  readonly declaredControlSum?: string;
  readonly paymentInfos: readonly {
    readonly pmtInfId: string;
    readonly requestedExecutionDate: string;
    readonly debitAccount: string;
    readonly transactions: readonly Pain001TransactionInput[];
  }[];
}

const esc = (v: string): string =>
  v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Writes a pain.001.001.09 document in the NemKonto usage profile (the authority simulator and
// tests use it; authorities' own systems produce the same shape).
export function writePain001(input: Pain001Input): string {
  const all = input.paymentInfos.flatMap((p) => p.transactions);
  const count = input.declaredCount ?? String(all.length);
  const sum = input.declaredControlSum ?? sumDecimal(all.map((t) => t.amount));
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="${PAIN001_NAMESPACE}"><CstmrCdtTrfInitn>`,
    `<GrpHdr><MsgId>${esc(input.msgId)}</MsgId><CreDtTm>${esc(input.createdAt)}</CreDtTm><NbOfTxs>${esc(count)}</NbOfTxs>`,
    `<CtrlSum>${esc(sum)}</CtrlSum><InitgPty><Nm>${esc(input.authorityName)}</Nm><Id><OrgId><Othr><Id>${esc(input.authorityId)}</Id></Othr></OrgId></Id></InitgPty></GrpHdr>`,
  ];
  for (const p of input.paymentInfos) {
    out.push(
      `<PmtInf><PmtInfId>${esc(p.pmtInfId)}</PmtInfId><PmtMtd>TRF</PmtMtd><ReqdExctnDt><Dt>${esc(p.requestedExecutionDate)}</Dt></ReqdExctnDt>`,
      `<Dbtr><Nm>${esc(input.authorityName)}</Nm></Dbtr><DbtrAcct><Id><Othr><Id>${esc(p.debitAccount)}</Id></Othr></Id></DbtrAcct>`,
    );
    for (const t of p.transactions) out.push(transaction(t));
    out.push('</PmtInf>');
  }
  out.push('</CstmrCdtTrfInitn></Document>');
  return out.join('');
}

function transaction(t: Pain001TransactionInput): string {
  const idKind = t.creditor.scheme === 'CPR' ? 'PrvtId' : 'OrgId';
  const parts = [
    `<CdtTrfTxInf><PmtId><EndToEndId>${esc(t.endToEndId)}</EndToEndId></PmtId>`,
    `<Amt><InstdAmt Ccy="${esc(t.currency ?? 'DKK')}">${esc(t.amount)}</InstdAmt></Amt>`,
  ];
  if (t.creditorAccount && 'iban' in t.creditorAccount && t.creditorAccount.bic) {
    parts.push(`<CdtrAgt><FinInstnId><BICFI>${esc(t.creditorAccount.bic)}</BICFI></FinInstnId></CdtrAgt>`);
  }
  parts.push(
    `<Cdtr>${t.creditorName ? `<Nm>${esc(t.creditorName)}</Nm>` : ''}<Id><${idKind}><Othr><Id>${esc(t.creditor.id)}</Id><SchmeNm><Prtry>${t.creditor.scheme}</Prtry></SchmeNm></Othr></${idKind}></Id></Cdtr>`,
  );
  if (t.creditorAccount) {
    parts.push(
      'iban' in t.creditorAccount
        ? `<CdtrAcct><Id><IBAN>${esc(t.creditorAccount.iban)}</IBAN></Id></CdtrAcct>`
        : `<CdtrAcct><Id><Othr><Id>${esc(t.creditorAccount.other)}</Id></Othr></Id></CdtrAcct>`,
    );
  }
  parts.push(`<Purp><Prtry>${esc(t.benefitType)}</Prtry></Purp>`);
  if (t.adviceText) parts.push(`<RmtInf><Ustrd>${esc(t.adviceText)}</Ustrd></RmtInf>`);
  parts.push('</CdtTrfTxInf>');
  return parts.join('');
}

// CtrlSum as an authority computes it: the exact sum of the amounts as written.
function sumDecimal(amounts: readonly string[]): string {
  return formatMicro(amounts.reduce((sum, a) => sum + (amountToMicro(a) ?? 0n), 0n));
}
