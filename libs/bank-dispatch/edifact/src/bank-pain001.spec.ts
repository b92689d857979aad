import { SaxesParser } from 'saxes';
import { BankAnswerError } from './bank-answers';
import { readBankPain002, writeBankPain001 } from './bank-pain001';
import { PaymulInterchange } from './paymul.model';

const order: PaymulInterchange = {
  controlRef: 'NK000000000042',
  senderId: 'NEMKONTO',
  recipientId: '5790000243440',
  partyQualifier: 'ZZ',
  preparedAt: new Date('2026-03-02T08:00:00Z'),
  messageRef: '1',
  documentNo: 'NK000000000042',
  debits: [
    {
      executionDate: '2026-03-02',
      reference: 'NK000000000042-1',
      debitRegNo: '0216',
      debitAccountNo: '4069158738',
      debtorName: 'NemKonto',
      credits: [
        {
          amountOre: 150_000,
          endToEndRef: 'a'.repeat(32),
          beneficiary: { kind: 'DK', regNo: '0040', accountNo: '0000001001' },
          beneficiaryName: 'Jens & Co <A/S>',
          adviceText: 'Børneydelse',
        },
        {
          amountOre: 9_905,
          endToEndRef: 'b'.repeat(32),
          beneficiary: { kind: 'IBAN', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', country: 'DE' },
          beneficiaryName: 'Recipient',
          adviceText: null,
        },
      ],
    },
  ],
};

const pain002 = (inner: string): string =>
  `<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.10"><CstmrPmtStsRpt><GrpHdr><MsgId>B-1</MsgId></GrpHdr>${inner}</CstmrPmtStsRpt></Document>`;

describe('pain.001 for banks that take it instead of PAYMUL', () => {
  it('writes well-formed XML with totals, refs and escaped text, and no creditor CPR', () => {
    const written = writeBankPain001(order);
    expect(written.creditCount).toBe(2);
    expect(written.totalOre).toBe(159_905);
    const texts: Record<string, string[]> = {};
    let current = '';
    const parser = new SaxesParser();
    parser.on('opentag', (t) => (current = t.name));
    parser.on('text', (t) => (texts[current] = [...(texts[current] ?? []), t]));
    parser.write(written.text).close();
    expect(texts['MsgId']).toEqual(['NK000000000042']);
    expect(texts['CtrlSum']).toEqual(['1599.05', '1599.05']);
    expect(texts['EndToEndId']).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
    expect(texts['InstdAmt']).toEqual(['1500.00', '99.05']);
    expect(texts['Nm']).toContain('Jens & Co <A/S>');
    expect(texts['IBAN']).toEqual(['DE89370400440532013000']);
    expect(written.text).not.toMatch(/PrvtId/);
  });
});

describe('readBankPain002', () => {
  it('reads a group acceptance as CONTRL accepted and a group rejection with its code', () => {
    expect(
      readBankPain002(
        pain002('<OrgnlGrpInfAndSts><OrgnlMsgId>NK1</OrgnlMsgId><GrpSts>ACTC</GrpSts></OrgnlGrpInfAndSts>'),
      ),
    ).toEqual({
      kind: 'CONTRL',
      answerRef: 'B-1',
      interchangeRef: 'NK1',
      action: 'ACCEPTED',
      errorCode: null,
    });
    expect(
      readBankPain002(
        pain002(
          '<OrgnlGrpInfAndSts><OrgnlMsgId>NK1</OrgnlMsgId><GrpSts>RJCT</GrpSts><StsRsnInf><Rsn><Cd>FF01</Cd></Rsn></StsRsnInf></OrgnlGrpInfAndSts>',
        ),
      ),
    ).toMatchObject({ kind: 'CONTRL', action: 'REJECTED', errorCode: 'FF01' });
  });

  it('reads payment statuses, mapping ISO account reasons to the BANSTA codes', () => {
    const answer = readBankPain002(
      pain002(
        `<OrgnlGrpInfAndSts><OrgnlMsgId>NK1</OrgnlMsgId><GrpSts>PART</GrpSts></OrgnlGrpInfAndSts><OrgnlPmtInfAndSts><OrgnlPmtInfId>NK1-1</OrgnlPmtInfId>
         <TxInfAndSts><OrgnlEndToEndId>r1</OrgnlEndToEndId><TxSts>ACSC</TxSts></TxInfAndSts>
         <TxInfAndSts><OrgnlEndToEndId>r2</OrgnlEndToEndId><TxSts>RJCT</TxSts><StsRsnInf><Rsn><Cd>AC04</Cd></Rsn><AddtlInf>closed</AddtlInf></StsRsnInf></TxInfAndSts>
         <TxInfAndSts><OrgnlEndToEndId>r3</OrgnlEndToEndId><TxSts>RJCT</TxSts><StsRsnInf><Rsn><Cd>MS03</Cd></Rsn></StsRsnInf></TxInfAndSts></OrgnlPmtInfAndSts>`,
      ),
    );
    expect(answer).toEqual({
      kind: 'BANSTA',
      answerRef: 'B-1',
      interchangeRef: 'NK1',
      items: [
        { debitRef: '', paymentRef: 'r1', status: 'EXECUTED', reasonCode: null, reasonText: null },
        {
          debitRef: '',
          paymentRef: 'r2',
          status: 'REJECTED',
          reasonCode: 'ACCOUNT_CLOSED',
          reasonText: 'closed',
        },
        { debitRef: '', paymentRef: 'r3', status: 'REJECTED', reasonCode: 'MS03', reasonText: null },
      ],
    });
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><x/>', /DOCTYPE/],
    ['malformed XML', pain002('<GrpHdr>'), /not readable XML/],
    [
      'another namespace',
      pain002('').replace('pain.002.001.10', 'camt.054.001.08'),
      /root must be Document in a urn:iso:std:iso:20022:tech:xsd:pain.002.\* namespace/,
    ],
    ['no OrgnlMsgId', pain002('<OrgnlGrpInfAndSts><GrpSts>ACTC</GrpSts></OrgnlGrpInfAndSts>'), /OrgnlMsgId/],
    [
      'an unknown group status',
      pain002('<OrgnlGrpInfAndSts><OrgnlMsgId>NK1</OrgnlMsgId><GrpSts>XX</GrpSts></OrgnlGrpInfAndSts>'),
      /GrpSts/,
    ],
    [
      'a payment status without a reference',
      pain002(
        '<OrgnlGrpInfAndSts><OrgnlMsgId>NK1</OrgnlMsgId></OrgnlGrpInfAndSts><OrgnlPmtInfAndSts><TxInfAndSts><TxSts>ACSC</TxSts></TxInfAndSts></OrgnlPmtInfAndSts>',
      ),
      /OrgnlEndToEndId/,
    ],
  ])('refuses %s with a BankAnswerError', (_, xml, reason) => {
    expect(() => readBankPain002(xml)).toThrow(BankAnswerError);
    expect(() => readBankPain002(xml)).toThrow(reason);
  });
});
