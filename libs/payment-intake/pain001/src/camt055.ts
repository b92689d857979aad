import { SaxesParser } from 'saxes';
import { DEFAULT_PAIN001_LIMITS } from './pain001.model';
import { Pain001FormatCode as C, Pain001FormatError } from './pain001-format.error';
import { PreParseGuard } from './pre-parse-guard';

export const CAMT055_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:camt.055.001.08';

// An authority's request to stop payments it sent (camt.055 CustomerPaymentCancellationRequest,
// NemKonto profile: see docs/pain001-profile.md).
export interface StopRequest {
  // Assgnmt/Id: the request's id, unique per authority.
  readonly requestId: string;
  // Assgnmt/Assgnr/Pty/Id/OrgId/Othr/Id: the authority.
  readonly authorityId: string;
  readonly createdAt: string;
  readonly items: readonly { readonly originalMsgId: string | null; readonly endToEndId: string }[];
}

const ROOT = 'Document/CstmrPmtCxlReq';
const ASG = `${ROOT}/Assgnmt`;
const GRP = `${ROOT}/Undrlyg/OrgnlGrpInfAndCxl`;
const PMT = `${ROOT}/Undrlyg/OrgnlPmtInfAndCxl`;
const TX = `${PMT}/TxInf`;
const LEAVES = new Set([
  `${ASG}/Id`,
  `${ASG}/Assgnr/Pty/Id/OrgId/Othr/Id`,
  `${ASG}/Assgne/Pty/Nm`,
  `${ASG}/CreDtTm`,
  `${GRP}/OrgnlMsgId`,
  `${GRP}/OrgnlMsgNmId`,
  `${PMT}/OrgnlPmtInfId`,
  `${TX}/OrgnlEndToEndId`,
  `${TX}/CxlRsnInf/Rsn/Prtry`,
  `${TX}/CxlRsnInf/AddtlInf`,
]);
const CONTAINERS = new Set<string>();
for (const leaf of LEAVES) {
  const parts = leaf.split('/');
  for (let i = 1; i < parts.length; i++) CONTAINERS.add(parts.slice(0, i).join('/'));
}
export const MAX_STOP_ITEMS = 10_000;

// Reads a stop request (small documents: at most MAX_STOP_ITEMS payments). Same hostile-input
// rules as pain.001: no DOCTYPE, no processing instructions, UTF-8, only the profile's elements.
export function readCamt055(input: Buffer | string): StopRequest {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const path: string[] = [];
  const fields: Record<string, string> = {};
  const items: { originalMsgId: string | null; endToEndId: string }[] = [];
  let text = '';
  const fail = (reason: string, code = C.MISSING_ELEMENT): never => {
    throw new Pain001FormatError(code, reason, parser.line);
  };
  parser.on('xmldecl', (d) => {
    if (d.encoding && d.encoding.toUpperCase() !== 'UTF-8')
      fail(`encoding must be UTF-8, declared ${d.encoding.slice(0, 40)}`, C.ENCODING_NOT_UTF8);
  });
  parser.on('doctype', () => fail('a DOCTYPE is not allowed', C.DOCTYPE_NOT_ALLOWED));
  parser.on('processinginstruction', () =>
    fail('processing instructions are not allowed', C.PROCESSING_INSTRUCTION),
  );
  parser.on('opentag', (tag) => {
    path.push(tag.name);
    const p = path.join('/');
    if (path.length === 1) {
      if (tag.name !== 'Document')
        fail(`root element must be Document, found ${tag.name.slice(0, 40)}`, C.WRONG_ROOT);
      if (tag.attributes['xmlns'] !== CAMT055_NAMESPACE)
        fail(
          `namespace must be ${CAMT055_NAMESPACE}, found ${String(tag.attributes['xmlns'] ?? 'none').slice(0, 80)}`,
          C.WRONG_NAMESPACE,
        );
    } else if (!CONTAINERS.has(p) && !LEAVES.has(p)) {
      fail(
        `unexpected element ${tag.name.slice(0, 40)} in ${path.slice(0, -1).join('/')}`,
        C.UNEXPECTED_ELEMENT,
      );
    }
    if (p === `${ROOT}/Undrlyg`) delete fields[`${GRP}/OrgnlMsgId`];
    text = '';
  });
  parser.on('text', (t) => {
    if (text.length + t.length > 1000) fail('a text value is longer than 1000 characters', C.TEXT_TOO_LONG);
    text += t;
  });
  parser.on('closetag', () => {
    const p = path.join('/');
    if (p === `${TX}/OrgnlEndToEndId`) {
      if (items.length >= MAX_STOP_ITEMS)
        fail(`more than ${MAX_STOP_ITEMS} payments in one stop request`, C.TOO_MANY_PAYMENTS);
      items.push({ originalMsgId: fields[`${GRP}/OrgnlMsgId`] ?? null, endToEndId: text.trim() });
    } else if (LEAVES.has(p)) {
      fields[p] = text.trim();
    }
    path.pop();
    text = '';
  });
  try {
    const text = typeof input === 'string' ? input : input.toString('utf8');
    new PreParseGuard(DEFAULT_PAIN001_LIMITS.maxRunLength).check(text);
    parser.write(text).close();
  } catch (err) {
    if (err instanceof Pain001FormatError) throw err;
    throw new Pain001FormatError(
      C.MALFORMED_XML,
      `not well-formed XML: ${(err as Error).message.slice(0, 200)}`,
    );
  }
  const requestId = fields[`${ASG}/Id`];
  const authorityId = fields[`${ASG}/Assgnr/Pty/Id/OrgId/Othr/Id`];
  if (!requestId || requestId.length > 35) fail('Assgnmt/Id is required (1-35 characters)');
  if (!authorityId) fail('Assgnmt/Assgnr/Pty/Id/OrgId/Othr/Id (the authority) is required');
  if (items.length === 0) fail('the request names no payment (TxInf/OrgnlEndToEndId)');
  if (items.some((i) => i.endToEndId.length === 0 || i.endToEndId.length > 35))
    fail('every OrgnlEndToEndId must be 1-35 characters');
  return {
    requestId: requestId ?? '',
    authorityId: authorityId ?? '',
    createdAt: fields[`${ASG}/CreDtTm`] ?? '',
    items,
  };
}

const esc = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Writes a stop request in the profile (used by the authority simulator and tests).
export function writeCamt055(req: StopRequest): string {
  const byMsg = new Map<string, string[]>();
  for (const i of req.items)
    byMsg.set(i.originalMsgId ?? '', [...(byMsg.get(i.originalMsgId ?? '') ?? []), i.endToEndId]);
  const underlying = [...byMsg].map(
    ([msgId, ids]) =>
      '<Undrlyg>' +
      (msgId
        ? `<OrgnlGrpInfAndCxl><OrgnlMsgId>${esc(msgId)}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId></OrgnlGrpInfAndCxl>`
        : '') +
      `<OrgnlPmtInfAndCxl>${ids.map((id) => `<TxInf><OrgnlEndToEndId>${esc(id)}</OrgnlEndToEndId></TxInf>`).join('')}</OrgnlPmtInfAndCxl>` +
      '</Undrlyg>',
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="${CAMT055_NAMESPACE}"><CstmrPmtCxlReq>` +
    `<Assgnmt><Id>${esc(req.requestId)}</Id><Assgnr><Pty><Id><OrgId><Othr><Id>${esc(req.authorityId)}</Id></Othr></OrgId></Id></Pty></Assgnr>` +
    `<Assgne><Pty><Nm>NemKonto</Nm></Pty></Assgne><CreDtTm>${esc(req.createdAt)}</CreDtTm></Assgnmt>` +
    underlying.join('') +
    '</CstmrPmtCxlReq></Document>'
  );
}
