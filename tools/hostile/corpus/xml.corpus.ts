import { writePain001 } from '@nemkonto/payment-intake-pain001';
import { bundle, payment, validDocument } from './bundle-documents';
import { IntakeCase, ReceptionExpectation, Variant } from './hostile-case';

// The intake the specs start refuses bundle streams over this size (NK_INTAKE_MAX_BUNDLE_BYTES).
export const TEST_MAX_BUNDLE_BYTES = 16 * 1024 * 1024;
const NS = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

const unreadable = (
  reasonCode: string,
  reason: string | RegExp,
  httpStatus: 413 | 422 = 422,
): ReceptionExpectation => ({
  answer: 0,
  groupStatus: 'RJCT',
  reasonCode,
  reason,
  httpStatus,
});
const DECLARATION = 'a DOCTYPE or markup declaration is not allowed';
const NO_MARKUP = 'more than 16384 characters without markup';

// The valid document with a DOCTYPE (or another prologue) between the XML declaration and the root.
const withPrologue = (v: Variant, prologue: string): string => {
  const doc = validDocument(v);
  const root = doc.indexOf('<Document');
  return `${doc.slice(0, root)}${prologue}${doc.slice(root)}`;
};
const replaced = (v: Variant, from: string | RegExp, to: string): string =>
  validDocument(v).replace(from, to);

const xml = (
  name: string,
  build: (v: Variant) => string | Buffer,
  expected: ReceptionExpectation,
): IntakeCase => ({
  category: 'xml',
  name,
  build,
  expected,
});

// An endless bundle: a valid start, payments, then padding comments, far past the size limit.
async function* endless(v: Variant): AsyncIterable<Buffer> {
  const doc = writePain001(
    bundle(
      v,
      Array.from({ length: 2000 }, (_, i) => payment(v, `S${i}`)),
    ),
  );
  yield Buffer.from(doc.slice(0, doc.lastIndexOf('</PmtInf>')));
  const padding = Buffer.from(`<!--${'p'.repeat(8000)}-->`.repeat(8));
  for (;;) yield padding;
}

export const XML_CASES: readonly IntakeCase[] = [
  xml(
    'external entity (XXE, file://)',
    (v) =>
      withPrologue(v, '<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace(
        '<Ustrd>Børneydelse</Ustrd>',
        '<Ustrd>&xxe;</Ustrd>',
      ),
    unreadable('DOCTYPE_NOT_ALLOWED', DECLARATION),
  ),
  xml(
    'parameter entity fetching an external DTD',
    (v) =>
      withPrologue(v, '<!DOCTYPE Document [<!ENTITY % ext SYSTEM "http://127.0.0.1:9/evil.dtd"> %ext;]>'),
    unreadable('DOCTYPE_NOT_ALLOWED', DECLARATION),
  ),
  xml(
    'billion laughs',
    (v) =>
      withPrologue(
        v,
        `<!DOCTYPE Document [<!ENTITY l0 "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('')}]>`,
      ).replace('<Ustrd>Børneydelse</Ustrd>', '<Ustrd>&l9;</Ustrd>'),
    unreadable('DOCTYPE_NOT_ALLOWED', DECLARATION),
  ),
  xml(
    'a bare DOCTYPE',
    (v) => withPrologue(v, '<!DOCTYPE Document>'),
    unreadable('DOCTYPE_NOT_ALLOWED', DECLARATION),
  ),
  xml(
    'a DOCTYPE naming an external DTD',
    (v) => withPrologue(v, '<!DOCTYPE Document SYSTEM "http://127.0.0.1:9/pain.001.dtd">'),
    unreadable('DOCTYPE_NOT_ALLOWED', DECLARATION),
  ),
  xml(
    'a lower-case doctype',
    (v) => withPrologue(v, '<!doctype Document>'),
    unreadable('DOCTYPE_NOT_ALLOWED', DECLARATION),
  ),
  xml(
    'an ENTITY declaration without DOCTYPE',
    (v) => withPrologue(v, '<!ENTITY x "y">'),
    unreadable('DOCTYPE_NOT_ALLOWED', DECLARATION),
  ),
  xml(
    'a DOCTYPE inside CDATA (refused on the characters, decided conservatively)',
    (v) => replaced(v, '<Ustrd>Børneydelse</Ustrd>', '<Ustrd><![CDATA[<!DOCTYPE x>]]></Ustrd>'),
    unreadable('DOCTYPE_NOT_ALLOWED', DECLARATION),
  ),
  xml(
    'a mismatched end tag',
    (v) => replaced(v, '</MsgId>', '</MsgID>'),
    unreadable('MALFORMED_XML', /^malformed XML: 1:\d+: unexpected close tag\.$/),
  ),
  xml(
    'a truncated document',
    (v) => validDocument(v).slice(0, -40),
    unreadable('MALFORMED_XML', /^malformed XML: 1:\d+: unclosed tag: \w+$/),
  ),
  {
    category: 'xml',
    name: 'an empty body',
    build: () => '',
    // Empty is empty on both paths: over AMQP it would be a resend of the upload.
    paths: ['http'],
    expected: unreadable('MALFORMED_XML', /^malformed XML: 1:0: document must contain a root element\.$/),
  },
  xml(
    'only a comment, no root element',
    (v) => `<?xml version="1.0" encoding="UTF-8"?><!-- ${v.msgId} -->`,
    unreadable('MALFORMED_XML', /^malformed XML: 1:\d+: document must contain a root element\.$/),
  ),
  xml(
    'JSON instead of XML',
    (v) => JSON.stringify({ msgId: v.msgId }),
    unreadable('MALFORMED_XML', /^malformed XML: 1:\d+: text data outside of root node\.$/),
  ),
  xml(
    'an undeclared entity',
    (v) => replaced(v, 'Søren Ærø', 'S&nbsp;ren'),
    unreadable('MALFORMED_XML', /^malformed XML: 1:\d+: undefined entity\.$/),
  ),
  xml(
    'a NUL character',
    (v) => replaced(v, 'Børneydelse', 'Børne\u0000ydelse'),
    unreadable('MALFORMED_XML', /^malformed XML: 1:\d+: disallowed character\.$/),
  ),
  xml(
    'an older pain.001 version (namespace pain.001.001.03)',
    (v) => replaced(v, NS, 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03'),
    unreadable(
      'WRONG_NAMESPACE',
      `line 1: namespace must be ${NS}, found urn:iso:std:iso:20022:tech:xsd:pain.001.001.03`,
    ),
  ),
  xml(
    'no namespace',
    (v) => replaced(v, ` xmlns="${NS}"`, ''),
    unreadable('WRONG_NAMESPACE', `line 1: namespace must be ${NS}, found none`),
  ),
  xml(
    'a prefixed namespace',
    (v) =>
      replaced(v, `<Document xmlns="${NS}">`, `<p:Document xmlns:p="${NS}">`).replace(
        '</Document>',
        '</p:Document>',
      ),
    unreadable('WRONG_ROOT', 'line 1: root element must be Document, found p:Document'),
  ),
  xml(
    'another root element',
    (v) => replaced(v, /Document/g, 'Dokument'),
    unreadable('WRONG_ROOT', 'line 1: root element must be Document, found Dokument'),
  ),
  xml(
    'XML version 1.1',
    (v) => replaced(v, 'version="1.0"', 'version="1.1"'),
    unreadable('XML_VERSION', 'line 1: XML version must be 1.0, declared 1.1'),
  ),
  xml(
    'declared encoding ISO-8859-1',
    (v) => replaced(v, 'encoding="UTF-8"', 'encoding="ISO-8859-1"'),
    unreadable('ENCODING_NOT_UTF8', 'line 1: encoding must be UTF-8, declared ISO-8859-1'),
  ),
  xml(
    'declared encoding UTF-16',
    (v) => replaced(v, 'encoding="UTF-8"', 'encoding="UTF-16"'),
    unreadable('ENCODING_NOT_UTF8', 'line 1: encoding must be UTF-8, declared UTF-16'),
  ),
  xml(
    'bytes in ISO-8859-1 though UTF-8 is declared',
    (v) => Buffer.from(validDocument(v), 'latin1'),
    unreadable('INVALID_UTF8', 'the document is not valid UTF-8'),
  ),
  xml(
    'UTF-16 bytes with a byte-order mark',
    (v) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(validDocument(v), 'utf16le')]),
    unreadable('INVALID_UTF8', 'the document is not valid UTF-8'),
  ),
  xml(
    'deeply nested unknown elements (10,000 levels)',
    (v) => replaced(v, '<Ustrd>Børneydelse</Ustrd>', `${'<x>'.repeat(10_000)}${'</x>'.repeat(10_000)}`),
    unreadable(
      'UNEXPECTED_ELEMENT',
      'line 1: unexpected element x in Document/CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/RmtInf',
    ),
  ),
  xml(
    'profile elements nested in themselves',
    (v) => replaced(v, '<Purp>', '<Purp><Purp>'),
    unreadable(
      'UNEXPECTED_ELEMENT',
      'line 1: unexpected element Purp in Document/CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf/Purp',
    ),
  ),
  xml(
    'an unknown element',
    (v) => replaced(v, '<Purp>', '<Foo>x</Foo><Purp>'),
    unreadable(
      'UNEXPECTED_ELEMENT',
      'line 1: unexpected element Foo in Document/CstmrCdtTrfInitn/PmtInf/CdtTrfTxInf',
    ),
  ),
  xml(
    'a huge text node (8 MiB)',
    (v) => replaced(v, '<Ustrd>Børneydelse</Ustrd>', `<Ustrd>${'x'.repeat(8 * 1024 * 1024)}</Ustrd>`),
    unreadable('TEXT_TOO_LONG', NO_MARKUP),
  ),
  xml(
    'a text value over 1,024 characters',
    (v) => replaced(v, '<Ustrd>Børneydelse</Ustrd>', `<Ustrd>${'x'.repeat(2000)}</Ustrd>`),
    unreadable('TEXT_TOO_LONG', 'line 1: a text value is longer than 1024 characters'),
  ),
  xml(
    'a huge attribute value (1 MiB)',
    (v) => replaced(v, 'Ccy="DKK"', `Ccy="${'D'.repeat(1024 * 1024)}"`),
    unreadable('TEXT_TOO_LONG', NO_MARKUP),
  ),
  xml(
    'a huge comment (1 MiB)',
    (v) => replaced(v, '<Purp>', `<!--${'c'.repeat(1024 * 1024)}--><Purp>`),
    unreadable('TEXT_TOO_LONG', NO_MARKUP),
  ),
  xml(
    'a processing instruction',
    (v) => replaced(v, '<CstmrCdtTrfInitn>', '<?evil x?><CstmrCdtTrfInitn>'),
    unreadable('PROCESSING_INSTRUCTION', 'line 1: processing instructions are not allowed'),
  ),
  xml(
    'a missing MsgId',
    (v) => replaced(v, `<MsgId>${v.msgId}</MsgId>`, ''),
    unreadable('MISSING_ELEMENT', 'line 1: GrpHdr/MsgId is missing'),
  ),
  xml(
    'no payments',
    (v) => writePain001(bundle(v, [])),
    unreadable('NO_PAYMENTS', 'the bundle holds no CdtTrfTxInf'),
  ),
  {
    category: 'xml',
    name: 'a Content-Length over the limit (refused before a byte is read)',
    build: validDocument,
    declaredLength: 16 * 1024 * 1024 * 1024,
    paths: ['http'],
    expected: unreadable(
      'DOCUMENT_TOO_LARGE',
      `document larger than ${TEST_MAX_BUNDLE_BYTES} bytes (Content-Length ${16 * 1024 * 1024 * 1024})`,
      413,
    ),
  },
  {
    category: 'xml',
    name: 'a stream far larger than any bundle (refused at the limit, memory bounded)',
    build: validDocument,
    stream: endless,
    paths: ['http'],
    expected: unreadable('DOCUMENT_TOO_LARGE', `document larger than ${TEST_MAX_BUNDLE_BYTES} bytes`, 413),
  },
];
