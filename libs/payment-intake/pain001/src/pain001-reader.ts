import { SaxesParser } from 'saxes';
import {
  BundleHeader,
  DEFAULT_PAIN001_LIMITS,
  PAIN001_NAMESPACE,
  Pain001Limits,
  RawPaymentInfo,
  RawTransaction,
} from './pain001.model';
import { Pain001FormatCode as C, Pain001FormatError } from './pain001-format.error';
import { PreParseGuard } from './pre-parse-guard';

export interface Pain001Sink {
  onHeader(header: BundleHeader): void;
  onPaymentInfo(info: RawPaymentInfo): void;
  onTransaction(tx: RawTransaction): void;
  // Called after each input chunk: the place to write buffered work and apply backpressure.
  afterChunk?(): Promise<void>;
}

const ROOT = 'Document/CstmrCdtTrfInitn';
const HDR = `${ROOT}/GrpHdr`;
const PMT = `${ROOT}/PmtInf`;
const TX = `${PMT}/CdtTrfTxInf`;

// Every element the NemKonto profile allows; anything else is refused (as the XSD would).
const LEAVES = new Set([
  `${HDR}/MsgId`,
  `${HDR}/CreDtTm`,
  `${HDR}/NbOfTxs`,
  `${HDR}/CtrlSum`,
  `${HDR}/InitgPty/Nm`,
  `${HDR}/InitgPty/Id/OrgId/Othr/Id`,
  `${PMT}/PmtInfId`,
  `${PMT}/PmtMtd`,
  `${PMT}/NbOfTxs`,
  `${PMT}/CtrlSum`,
  `${PMT}/ReqdExctnDt/Dt`,
  `${PMT}/Dbtr/Nm`,
  `${PMT}/DbtrAcct/Id/IBAN`,
  `${PMT}/DbtrAcct/Id/Othr/Id`,
  `${PMT}/DbtrAgt/FinInstnId/BICFI`,
  `${TX}/PmtId/InstrId`,
  `${TX}/PmtId/EndToEndId`,
  `${TX}/Amt/InstdAmt`,
  `${TX}/Cdtr/Nm`,
  `${TX}/Cdtr/Id/PrvtId/Othr/Id`,
  `${TX}/Cdtr/Id/PrvtId/Othr/SchmeNm/Prtry`,
  `${TX}/Cdtr/Id/OrgId/Othr/Id`,
  `${TX}/Cdtr/Id/OrgId/Othr/SchmeNm/Prtry`,
  `${TX}/CdtrAcct/Id/IBAN`,
  `${TX}/CdtrAcct/Id/Othr/Id`,
  `${TX}/CdtrAgt/FinInstnId/BICFI`,
  `${TX}/Purp/Prtry`,
  `${TX}/RmtInf/Ustrd`,
]);
const CONTAINERS = new Set<string>();
for (const leaf of LEAVES) {
  const parts = leaf.split('/');
  for (let i = 1; i < parts.length; i++) CONTAINERS.add(parts.slice(0, i).join('/'));
}

// Streams a pain.001.001.09 document: memory stays bounded by one input chunk plus what the sink
// keeps, so a bundle of a million payments never sits in memory whole. A DOCTYPE is refused as
// soon as it appears (no entity can be declared, none expanded, nothing fetched).
export async function readPain001(
  input: AsyncIterable<Uint8Array | string>,
  sink: Pain001Sink,
  limits: Pain001Limits = DEFAULT_PAIN001_LIMITS,
): Promise<{ transactions: number; bytes: number }> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const path: string[] = [];
  let text = '';
  let fields: Record<string, string> = {};
  const header: Record<string, string> = {};
  let pmtInf: Record<string, string> = {};
  let currentPmtInfId = '';
  let amountCurrency = '';
  let count = 0;
  let bytes = 0;
  let failure: Pain001FormatError | undefined;
  let headerSeen = false;

  const fail = (code: C, reason: string): never => {
    throw new Pain001FormatError(code, reason, parser.line);
  };
  const missing = (reason: string): never => fail(C.MISSING_ELEMENT, reason);
  parser.on('xmldecl', (decl) => {
    if (decl.version !== undefined && decl.version !== '1.0')
      fail(C.XML_VERSION, `XML version must be 1.0, declared ${decl.version.slice(0, 10)}`);
    if (decl.encoding && decl.encoding.toUpperCase() !== 'UTF-8')
      fail(C.ENCODING_NOT_UTF8, `encoding must be UTF-8, declared ${decl.encoding.slice(0, 40)}`);
  });
  // The guard refuses a DOCTYPE before the parser sees it; this is the second line of defence.
  parser.on('doctype', () => fail(C.DOCTYPE_NOT_ALLOWED, 'a DOCTYPE is not allowed'));
  parser.on('processinginstruction', () =>
    fail(C.PROCESSING_INSTRUCTION, 'processing instructions are not allowed'),
  );
  parser.on('opentag', (tag) => {
    path.push(tag.name);
    if (path.length > limits.maxDepth)
      fail(C.NESTING_TOO_DEEP, `elements nested deeper than ${limits.maxDepth}`);
    const p = path.join('/');
    if (path.length === 1) {
      if (tag.name !== 'Document')
        fail(C.WRONG_ROOT, `root element must be Document, found ${tag.name.slice(0, 40)}`);
      if (tag.attributes['xmlns'] !== PAIN001_NAMESPACE) {
        fail(
          C.WRONG_NAMESPACE,
          `namespace must be ${PAIN001_NAMESPACE}, found ${String(tag.attributes['xmlns'] ?? 'none').slice(0, 80)}`,
        );
      }
    } else if (!CONTAINERS.has(p) && !LEAVES.has(p)) {
      fail(
        C.UNEXPECTED_ELEMENT,
        `unexpected element ${tag.name.slice(0, 40)} in ${path.slice(0, -1).join('/')}`,
      );
    }
    if (p === `${TX}/Amt/InstdAmt`) amountCurrency = String(tag.attributes['Ccy'] ?? '');
    if (p === TX) fields = {};
    if (p === PMT) pmtInf = {};
    text = '';
  });
  parser.on('text', (t) => {
    if (text.length + t.length > limits.maxTextLength)
      fail(C.TEXT_TOO_LONG, `a text value is longer than ${limits.maxTextLength} characters`);
    text += t;
  });
  parser.on('cdata', (t) => {
    if (text.length + t.length > limits.maxTextLength)
      fail(C.TEXT_TOO_LONG, `a text value is longer than ${limits.maxTextLength} characters`);
    text += t;
  });
  parser.on('closetag', () => {
    const p = path.join('/');
    path.pop();
    if (LEAVES.has(p)) {
      const value = text.trim();
      if (p.startsWith(`${TX}/`)) fields[p.slice(TX.length + 1)] = value;
      else if (p.startsWith(`${PMT}/`)) pmtInf[p.slice(PMT.length + 1)] = value;
      else header[p.slice(HDR.length + 1)] = value;
    } else if (p === HDR) {
      sink.onHeader(toHeader(header, missing));
      headerSeen = true;
    } else if (p === TX) {
      if (!headerSeen) missing('GrpHdr must come before the payments');
      if (currentPmtInfId !== pmtInf['PmtInfId']) {
        sink.onPaymentInfo(toPaymentInfo(pmtInf, missing));
        currentPmtInfId = pmtInf['PmtInfId'] ?? '';
      }
      if (++count > limits.maxTransactions)
        fail(C.TOO_MANY_PAYMENTS, `more than ${limits.maxTransactions} payments`);
      sink.onTransaction(toTransaction(count - 1, currentPmtInfId, fields, amountCurrency, missing));
    }
    text = '';
  });
  // Stop at the first well-formedness error: nothing after it can be trusted.
  parser.on('error', (err) => {
    failure ??=
      err instanceof Pain001FormatError
        ? err
        : new Pain001FormatError(C.MALFORMED_XML, `malformed XML: ${err.message.slice(0, 200)}`);
    throw failure;
  });

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const guard = new PreParseGuard(limits.maxRunLength);
  try {
    for await (const chunk of input) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (bytes > limits.maxBytes)
        throw new Pain001FormatError(C.DOCUMENT_TOO_LARGE, `document larger than ${limits.maxBytes} bytes`);
      const s = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      guard.check(s);
      parser.write(s);
      if (failure) throw failure;
      await sink.afterChunk?.();
    }
    parser.close();
  } catch (err) {
    if (err instanceof Pain001FormatError) throw err;
    if ((err as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw new Pain001FormatError(C.INVALID_UTF8, 'the document is not valid UTF-8');
    }
    throw (
      failure ??
      new Pain001FormatError(C.MALFORMED_XML, `malformed XML: ${(err as Error).message.slice(0, 200)}`)
    );
  }
  if (failure) throw failure;
  if (!headerSeen) throw new Pain001FormatError(C.MISSING_ELEMENT, 'GrpHdr is missing');
  if (count === 0) throw new Pain001FormatError(C.NO_PAYMENTS, 'the bundle holds no CdtTrfTxInf');
  return { transactions: count, bytes };
}

function required(
  map: Record<string, string>,
  key: string,
  what: string,
  fail: (r: string) => never,
): string {
  const v = map[key];
  if (v === undefined || v === '') fail(`${what} is missing`);
  return v as string;
}

function toHeader(h: Record<string, string>, fail: (r: string) => never): BundleHeader {
  return {
    msgId: required(h, 'MsgId', 'GrpHdr/MsgId', fail),
    createdAt: required(h, 'CreDtTm', 'GrpHdr/CreDtTm', fail),
    declaredCount: required(h, 'NbOfTxs', 'GrpHdr/NbOfTxs', fail),
    declaredControlSum: h['CtrlSum'] ?? null,
    initiatingPartyId: required(h, 'InitgPty/Id/OrgId/Othr/Id', 'GrpHdr/InitgPty/Id/OrgId/Othr/Id', fail),
  };
}

function toPaymentInfo(p: Record<string, string>, fail: (r: string) => never): RawPaymentInfo {
  const other = p['DbtrAcct/Id/Othr/Id'] ?? null;
  const iban = p['DbtrAcct/Id/IBAN'] ?? null;
  if (!other && !iban) fail('PmtInf/DbtrAcct/Id is missing');
  return {
    pmtInfId: required(p, 'PmtInfId', 'PmtInf/PmtInfId', fail),
    paymentMethod: required(p, 'PmtMtd', 'PmtInf/PmtMtd', fail),
    requestedExecutionDate: required(p, 'ReqdExctnDt/Dt', 'PmtInf/ReqdExctnDt/Dt', fail),
    debtorName: required(p, 'Dbtr/Nm', 'PmtInf/Dbtr/Nm', fail),
    debitAccountOther: other,
    debitAccountIban: iban,
  };
}

function toTransaction(
  index: number,
  pmtInfId: string,
  f: Record<string, string>,
  currency: string,
  fail: (r: string) => never,
): RawTransaction {
  const prvt = f['Cdtr/Id/PrvtId/Othr/Id'];
  const org = f['Cdtr/Id/OrgId/Othr/Id'];
  if (!prvt && !org) fail(`payment ${index + 1}: Cdtr/Id is missing`);
  return {
    index,
    pmtInfId,
    endToEndId: required(f, 'PmtId/EndToEndId', `payment ${index + 1}: PmtId/EndToEndId`, fail),
    amount: required(f, 'Amt/InstdAmt', `payment ${index + 1}: Amt/InstdAmt`, fail),
    currency,
    creditorName: f['Cdtr/Nm'] ?? null,
    creditorIdScheme: prvt
      ? (f['Cdtr/Id/PrvtId/Othr/SchmeNm/Prtry'] ?? '')
      : (f['Cdtr/Id/OrgId/Othr/SchmeNm/Prtry'] ?? ''),
    creditorId: (prvt ?? org) as string,
    creditorAccountIban: f['CdtrAcct/Id/IBAN'] ?? null,
    creditorAccountOther: f['CdtrAcct/Id/Othr/Id'] ?? null,
    creditorAgentBic: f['CdtrAgt/FinInstnId/BICFI'] ?? null,
    benefitType: required(f, 'Purp/Prtry', `payment ${index + 1}: Purp/Prtry (benefit type)`, fail),
    adviceText: f['RmtInf/Ustrd'] ?? null,
  };
}
