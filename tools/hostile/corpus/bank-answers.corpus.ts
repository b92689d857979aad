import { BanstaItem, writeBansta, writeContrl } from '@nemkonto/bank-dispatch-edifact';
import { BankAnswerCase, BankAnswerDocument, BankContext } from './hostile-case';

const NEMKONTO_EDIFACT_ID = 'NEMKONTO';
// Each case's own reference for its answer (UNB control reference, at most 14 characters).
const ref = (index: number, n = 0): string => `HB${String(index).padStart(3, '0')}${n}`;

const edi = (body: string): BankAnswerDocument => ({ body, type: null });
const envelope = (ctx: BankContext, controlRef: string) => ({
  controlRef,
  senderId: ctx.bankEdifactId,
  recipientId: NEMKONTO_EDIFACT_ID,
  preparedAt: ctx.preparedAt,
});
const bansta = (ctx: BankContext, index: number, items: readonly BanstaItem[], n = 0): string =>
  writeBansta(envelope(ctx, ref(index, n)), ctx.interchangeRef, items);
const executed = (ctx: BankContext, index: number): BanstaItem => ({
  debitRef: ctx.debitRef,
  paymentRef: ctx.paymentRef(index),
  status: 'EXECUTED',
  reasonCode: null,
  reasonText: null,
});
const pain002 = (msgId: string, inner: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt><GrpHdr><MsgId>${msgId}</MsgId><CreDtTm>2026-03-02T09:00:00</CreDtTm></GrpHdr>${inner}</CstmrPmtStsRpt></Document>`;
const group = (orgnlMsgId: string, sts = 'ACTC'): string =>
  `<OrgnlGrpInfAndSts><OrgnlMsgId>${orgnlMsgId}</OrgnlMsgId><OrgnlMsgNmId>pain.001.001.09</OrgnlMsgNmId><GrpSts>${sts}</GrpSts></OrgnlGrpInfAndSts>`;
const xmlDoc = (body: string): BankAnswerDocument => ({ body, type: 'pain.002.001.10' });

const DECLARATION = 'a DOCTYPE or markup declaration is not allowed';

const unreadable = (
  name: string,
  build: (ctx: BankContext, index: number) => BankAnswerDocument,
  detail: string | RegExp,
): BankAnswerCase => ({
  category: 'bank-answers',
  name,
  build,
  expected: { outcome: 'UNREADABLE', detail, paymentAnswer: 'NONE' },
});

export const BANK_ANSWER_CASES: readonly BankAnswerCase[] = [
  unreadable(
    'not EDIFACT at all',
    () => edi('hello, bank here'),
    'not readable EDIFACT: interchange does not end with a segment terminator',
  ),
  unreadable(
    'EDIFACT segments without UNB',
    (ctx, i) => edi(bansta(ctx, i, [executed(ctx, i)]).replace(/^UNA[^']*?'?UNB[^']*'/, '')),
    'the interchange does not start with UNB',
  ),
  unreadable(
    'a BANSTA cut off before UNZ',
    (ctx, i) => edi(bansta(ctx, i, [executed(ctx, i)]).replace(/UNZ[^']*'$/, '')),
    'the interchange does not end with UNZ',
  ),
  unreadable(
    'a BANSTA whose UNT count is wrong',
    (ctx, i) => edi(bansta(ctx, i, [executed(ctx, i)]).replace(/UNT\+\d+/, 'UNT+99')),
    /^UNT counts 99 segments, the message has \d+$/,
  ),
  unreadable(
    'a BANSTA whose UNZ names another interchange',
    (ctx, i) => edi(bansta(ctx, i, [executed(ctx, i)]).replace(/UNZ\+1\+[^']*'$/, "UNZ+1+OTHER'")),
    'UNZ does not repeat the UNB control reference',
  ),
  unreadable(
    'a CONTRL with an unknown action',
    (ctx, i) =>
      edi(
        writeContrl(
          envelope(ctx, ref(i)),
          {
            interchangeRef: ctx.interchangeRef,
            senderId: NEMKONTO_EDIFACT_ID,
            recipientId: ctx.bankEdifactId,
          },
          'ACCEPTED',
        ).replace(/:ZZ\+7/, ':ZZ+9'),
      ),
    'CONTRL action "9" is not 4, 7 or 8',
  ),
  unreadable(
    'a message type other than CONTRL or BANSTA',
    (ctx, i) => edi(bansta(ctx, i, [executed(ctx, i)]).replace('BANSTA:D:96A', 'PAYMUL:D:96A')),
    'message type "PAYMUL" is not CONTRL or BANSTA',
  ),
  unreadable(
    'a pain.002 that is not well-formed',
    (ctx, i) => xmlDoc(pain002(ref(i), group(ctx.interchangeRef)).replace('</GrpHdr>', '')),
    /^not readable XML: /,
  ),
  unreadable(
    'a pain.002 with an external entity (XXE)',
    (_ctx, i) =>
      xmlDoc(
        pain002(ref(i), group('&xxe;')).replace(
          '<Document',
          '<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Document',
        ),
      ),
    DECLARATION,
  ),
  unreadable(
    'a pain.002 with billion laughs',
    (_ctx, i) =>
      xmlDoc(
        pain002(ref(i), group('&l3;')).replace(
          '<Document',
          '<!DOCTYPE Document [<!ENTITY l0 "lol"><!ENTITY l1 "&l0;&l0;&l0;"><!ENTITY l2 "&l1;&l1;&l1;"><!ENTITY l3 "&l2;&l2;&l2;">]><Document',
        ),
      ),
    DECLARATION,
  ),
  unreadable(
    'a pain.002 in another namespace',
    (ctx, i) =>
      xmlDoc(pain002(ref(i), group(ctx.interchangeRef)).replace('pain.002.001.10', 'camt.054.001.08')),
    'the root must be Document in a urn:iso:std:iso:20022:tech:xsd:pain.002.* namespace',
  ),
  unreadable(
    'a pain.002 payment status without a reference',
    (ctx, i) =>
      xmlDoc(
        pain002(
          ref(i),
          `${group(ctx.interchangeRef)}<OrgnlPmtInfAndSts><TxInfAndSts><TxSts>ACSC</TxSts></TxInfAndSts></OrgnlPmtInfAndSts>`,
        ),
      ),
    'a TxInfAndSts needs OrgnlEndToEndId and TxSts ACSC, ACCC, ACCP or RJCT',
  ),
  {
    category: 'bank-answers',
    name: 'a CONTRL about an interchange never sent to this bank',
    build: (ctx, i) =>
      edi(
        writeContrl(
          envelope(ctx, ref(i)),
          { interchangeRef: 'NK999999999999', senderId: NEMKONTO_EDIFACT_ID, recipientId: ctx.bankEdifactId },
          'REJECTED',
        ),
      ),
    expected: {
      outcome: 'UNKNOWN_INTERCHANGE',
      detail: 'no interchange NK999999999999 was sent to DANSKE',
      paymentAnswer: 'NONE',
    },
  },
  {
    category: 'bank-answers',
    name: 'a pain.002 about an unknown OrgnlMsgId',
    build: (_ctx, i) => xmlDoc(pain002(ref(i), group("NK' OR 1=1 --", 'RJCT'))),
    expected: {
      outcome: 'UNKNOWN_INTERCHANGE',
      detail: "no interchange NK' OR 1=1 -- was sent to DANSKE",
      paymentAnswer: 'NONE',
    },
  },
  {
    category: 'bank-answers',
    name: 'a BANSTA naming only unknown payment references',
    build: (ctx, i) =>
      edi(bansta(ctx, i, [{ ...executed(ctx, i), paymentRef: '0000000000000000000000000000dead' }])),
    expected: {
      outcome: 'PARTLY_UNMATCHED',
      detail: '0 payments changed, 1 references unknown',
      paymentAnswer: 'NONE',
    },
  },
  {
    category: 'bank-answers',
    name: 'a BANSTA executing a payment, sent again under another message id',
    prior: (ctx, i) => edi(bansta(ctx, i, [executed(ctx, i)])),
    build: (ctx, i) => edi(bansta(ctx, i, [executed(ctx, i)])),
    expected: {
      outcome: 'DUPLICATE',
      detail: (i: number) => `answer ${ref(i)} was applied before; nothing changed`,
      paymentAnswer: { code: 8, reasonCode: 'EXECUTED' },
    },
  },
  {
    category: 'bank-answers',
    name: 'a BANSTA rejecting a payment already executed (contradicting an earlier answer)',
    prior: (ctx, i) => edi(bansta(ctx, i, [executed(ctx, i)])),
    build: (ctx, i) =>
      edi(
        bansta(
          ctx,
          i,
          [{ ...executed(ctx, i), status: 'REJECTED', reasonCode: 'ACCOUNT_CLOSED', reasonText: 'closed' }],
          1,
        ),
      ),
    expected: {
      outcome: 'APPLIED',
      detail: '0 payments changed, 0 references unknown',
      paymentAnswer: { code: 8, reasonCode: 'EXECUTED' },
    },
  },
  {
    category: 'bank-answers',
    name: 'the same BANSTA redelivered under the same message id',
    build: (ctx, i) => ({
      ...edi(
        bansta(ctx, i, [
          {
            ...executed(ctx, i),
            status: 'REJECTED',
            reasonCode: 'INSUFFICIENT_FUNDS',
            reasonText: 'no funds',
          },
        ]),
      ),
      redeliver: true,
    }),
    expected: {
      outcome: 'APPLIED',
      detail: '1 payments changed, 0 references unknown',
      paymentAnswer: { code: 9, reasonCode: 'INSUFFICIENT_FUNDS' },
    },
  },
  {
    category: 'bank-answers',
    name: 'an answer without the user-id property (dead-lettered, nobody to answer)',
    build: (ctx, i) => ({ ...edi(bansta(ctx, i, [executed(ctx, i)])), withUserId: false }),
    expected: { outcome: 'DEAD_LETTERED', detail: null, paymentAnswer: 'NONE' },
  },
];
