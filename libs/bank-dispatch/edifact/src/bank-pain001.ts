import { SaxesParser } from 'saxes';
import { BankAnswer, BankAnswerError, BanstaItem } from './bank-answers';
import { BeneficiaryAccount, PaymulInterchange } from './paymul.model';
import { PaymulValidationError } from './paymul-writer';

// The ISO 20022 alternative for banks that take pain.001.001.09 instead of PAYMUL: the same
// interchange (one debit account and execution date, its credits) as a customer credit transfer
// initiation from NemKonto. MsgId is the control reference, PmtInfId the debit reference and each
// EndToEndId the payment reference, so the bank's pain.002 names them as BANSTA would. The
// recipient is identified by account and name only: no CPR/CVR leaves NemKonto for the bank.
export const BANK_PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

const esc = (v: string): string =>
  v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const decimal = (ore: number): string => `${Math.floor(ore / 100)}.${String(ore % 100).padStart(2, '0')}`;

function creditorAccount(b: BeneficiaryAccount): string {
  switch (b.kind) {
    case 'DK':
      return `<CdtrAgt><FinInstnId><ClrSysMmbId><ClrSysId><Cd>DKNCC</Cd></ClrSysId><MmbId>${esc(b.regNo)}</MmbId></ClrSysMmbId></FinInstnId></CdtrAgt><CdtrAcct><Id><Othr><Id>${esc(b.accountNo)}</Id><SchmeNm><Prtry>BBAN</Prtry></SchmeNm></Othr></Id></CdtrAcct>`;
    case 'IBAN':
      return `<CdtrAgt><FinInstnId>${b.bic ? `<BICFI>${esc(b.bic)}</BICFI>` : ''}<PstlAdr><Ctry>${esc(b.country)}</Ctry></PstlAdr></FinInstnId></CdtrAgt><CdtrAcct><Id><IBAN>${esc(b.iban)}</IBAN></Id></CdtrAcct>`;
    case 'OTHER':
      return `<CdtrAgt><FinInstnId>${b.bic ? `<BICFI>${esc(b.bic)}</BICFI>` : ''}${b.bankCode ? `<ClrSysMmbId><MmbId>${esc(b.bankCode)}</MmbId></ClrSysMmbId>` : ''}<PstlAdr><Ctry>${esc(b.country)}</Ctry></PstlAdr></FinInstnId></CdtrAgt><CdtrAcct><Id><Othr><Id>${esc(b.accountNo)}</Id></Othr></Id></CdtrAcct>`;
  }
}

export interface WrittenBankPain001 {
  readonly text: string;
  readonly creditCount: number;
  readonly totalOre: number;
}

export function writeBankPain001(interchange: PaymulInterchange): WrittenBankPain001 {
  if (interchange.debits.length === 0)
    throw new PaymulValidationError('EMPTY', 'an interchange needs at least one debit');
  let creditCount = 0;
  let totalOre = 0;
  const infos = interchange.debits.map((debit) => {
    const sum = debit.credits.reduce((s, c) => s + c.amountOre, 0);
    creditCount += debit.credits.length;
    totalOre += sum;
    const txs = debit.credits.map(
      (c) =>
        `<CdtTrfTxInf><PmtId><EndToEndId>${esc(c.endToEndRef)}</EndToEndId></PmtId><Amt><InstdAmt Ccy="DKK">${decimal(c.amountOre)}</InstdAmt></Amt>${creditorAccount(c.beneficiary).replace('<CdtrAcct>', `<Cdtr><Nm>${esc(c.beneficiaryName)}</Nm></Cdtr><CdtrAcct>`)}${c.adviceText ? `<RmtInf><Ustrd>${esc(c.adviceText)}</Ustrd></RmtInf>` : ''}</CdtTrfTxInf>`,
    );
    return `<PmtInf><PmtInfId>${esc(debit.reference)}</PmtInfId><PmtMtd>TRF</PmtMtd><NbOfTxs>${debit.credits.length}</NbOfTxs><CtrlSum>${decimal(sum)}</CtrlSum><ReqdExctnDt><Dt>${debit.executionDate}</Dt></ReqdExctnDt><Dbtr><Nm>${esc(debit.debtorName)}</Nm></Dbtr><DbtrAcct><Id><Othr><Id>${esc(debit.debitRegNo + debit.debitAccountNo)}</Id><SchmeNm><Prtry>BBAN</Prtry></SchmeNm></Othr></Id></DbtrAcct><DbtrAgt><FinInstnId><ClrSysMmbId><ClrSysId><Cd>DKNCC</Cd></ClrSysId><MmbId>${esc(debit.debitRegNo)}</MmbId></ClrSysMmbId></FinInstnId></DbtrAgt>${txs.join('')}</PmtInf>`;
  });
  const text =
    `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="${BANK_PAIN001_NAMESPACE}"><CstmrCdtTrfInitn><GrpHdr>` +
    `<MsgId>${esc(interchange.controlRef)}</MsgId><CreDtTm>${interchange.preparedAt.toISOString().slice(0, 19)}</CreDtTm>` +
    `<NbOfTxs>${creditCount}</NbOfTxs><CtrlSum>${decimal(totalOre)}</CtrlSum>` +
    `<InitgPty><Nm>NemKonto</Nm><Id><OrgId><Othr><Id>${esc(interchange.senderId)}</Id></Othr></OrgId></Id></InitgPty></GrpHdr>` +
    `${infos.join('')}</CstmrCdtTrfInitn></Document>`;
  return { text, creditCount, totalOre };
}

// ISO 20022 status reasons that mean the account cannot take payments, as BANSTA's codes.
const ISO_REASONS: Record<string, string> = {
  AC04: 'ACCOUNT_CLOSED',
  AC01: 'ACCOUNT_UNKNOWN',
  AC03: 'ACCOUNT_UNKNOWN',
  AM04: 'INSUFFICIENT_FUNDS',
};

// A bank's pain.002 about an interchange sent as pain.001: without transaction statuses it is
// the group's acceptance or rejection (as CONTRL); with them, each payment's fate (as BANSTA).
const PAIN002_NS = 'urn:iso:std:iso:20022:tech:xsd:pain.002.';

export function readBankPain002(xml: string): BankAnswer {
  const parser = new SaxesParser({ xmlns: false });
  const path: string[] = [];
  const group: Record<string, string> = {};
  const items: BanstaItem[] = [];
  let tx: Record<string, string> | null = null;
  let text = '';
  parser.on('doctype', () => {
    throw new BankAnswerError('a DOCTYPE is not allowed');
  });
  parser.on('opentag', (t) => {
    path.push(t.name);
    text = '';
    if (
      path.length === 1 &&
      (t.name !== 'Document' || !String(t.attributes['xmlns'] ?? '').startsWith(PAIN002_NS))
    )
      throw new BankAnswerError(`the root must be Document in a ${PAIN002_NS}* namespace`);
    if (t.name === 'TxInfAndSts') tx = {};
  });
  parser.on('text', (t) => (text += t));
  parser.on('closetag', (t) => {
    const where = path.join('/');
    path.pop();
    if (tx && t.name === 'TxInfAndSts') {
      const status = tx['TxSts'] ?? '';
      const code = tx['Cd'] ?? tx['Prtry'] ?? null;
      if (!tx['OrgnlEndToEndId'] || !['ACSC', 'ACCC', 'ACCP', 'RJCT'].includes(status))
        throw new BankAnswerError('a TxInfAndSts needs OrgnlEndToEndId and TxSts ACSC, ACCC, ACCP or RJCT');
      items.push({
        debitRef: tx['OrgnlPmtInfId'] ?? '',
        paymentRef: tx['OrgnlEndToEndId'],
        status: status === 'RJCT' ? 'REJECTED' : 'EXECUTED',
        reasonCode: status === 'RJCT' ? ((code && ISO_REASONS[code]) ?? code ?? 'REJECTED') : null,
        reasonText: tx['AddtlInf'] ?? null,
      });
      tx = null;
    } else if (tx) tx[t.name] = text.trim();
    else if (where.endsWith('GrpHdr/MsgId')) group['MsgId'] = text.trim();
    else if (where.includes('OrgnlGrpInfAndSts/')) group[t.name] = text.trim();
  });
  // Refused on the characters, before the parser sees any: no entity is declared, none expanded.
  if (/<![A-Za-z]/.test(xml)) throw new BankAnswerError('a DOCTYPE or markup declaration is not allowed');
  try {
    parser.write(xml).close();
  } catch (err) {
    if (err instanceof BankAnswerError) throw err;
    throw new BankAnswerError(`not readable XML: ${(err as Error).message.slice(0, 200)}`);
  }
  const answerRef = group['MsgId'];
  const interchangeRef = group['OrgnlMsgId'];
  if (!answerRef || answerRef.length > 35) throw new BankAnswerError('pain.002 has no valid GrpHdr/MsgId');
  if (!interchangeRef) throw new BankAnswerError('pain.002 has no OrgnlGrpInfAndSts/OrgnlMsgId');
  if (items.length > 0) return { kind: 'BANSTA', answerRef, interchangeRef, items };
  const status = group['GrpSts'];
  if (status !== 'ACTC' && status !== 'ACCP' && status !== 'RJCT')
    throw new BankAnswerError('a pain.002 without transactions needs GrpSts ACTC, ACCP or RJCT');
  return {
    kind: 'CONTRL',
    answerRef,
    interchangeRef,
    action: status === 'RJCT' ? 'REJECTED' : 'ACCEPTED',
    errorCode: status === 'RJCT' ? (group['Cd'] ?? group['Prtry'] ?? null) : null,
  };
}
