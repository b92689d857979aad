import { readEdifact } from './edifact-reader';
import { PaymulInterchange } from './paymul.model';
import { PaymulValidationError, formatAmount, writePaymul } from './paymul-writer';

function interchange(overrides: Partial<PaymulInterchange> = {}): PaymulInterchange {
  return {
    controlRef: 'NK0000000123',
    senderId: '5790000000000',
    recipientId: '5790000000001',
    partyQualifier: '14',
    preparedAt: new Date('2026-05-12T09:30:00Z'),
    messageRef: '1',
    documentNo: 'NK20260512-0001',
    debits: [
      {
        executionDate: '2026-05-13',
        reference: 'B0000001',
        debitRegNo: '1234',
        debitAccountNo: '0001234567',
        debtorName: 'UDBETALING DANMARK',
        credits: [
          {
            amountOre: 150_000,
            endToEndRef: 'E2E-1',
            beneficiary: { kind: 'DK', regNo: '0040', accountNo: '440116243' },
            beneficiaryName: 'Søren Ærø',
            adviceText: 'Børneydelse 2. kvt',
          },
          {
            amountOre: 99,
            endToEndRef: 'E2E-2',
            beneficiary: { kind: 'IBAN', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', country: 'DE' },
            beneficiaryName: "O'Brien + Co: ?",
            adviceText: null,
          },
        ],
      },
    ],
    ...overrides,
  };
}

describe('writePaymul', () => {
  it('writes the envelope, levels A/B/C and trailers in order', () => {
    const tags = readEdifact(writePaymul(interchange()).text).map((s) => s.tag);
    expect(tags).toEqual([
      'UNB',
      'UNH',
      'BGM',
      'DTM',
      'LIN',
      'DTM',
      'RFF',
      'MOA',
      'FII',
      'NAD',
      'SEQ',
      'MOA',
      'RFF',
      'FII',
      'NAD',
      'PRC',
      'FTX',
      'SEQ',
      'MOA',
      'RFF',
      'FII',
      'NAD',
      'CNT',
      'UNT',
      'UNZ',
    ]);
  });

  it('starts with UNA and UNB for UNOC syntax 3 with the control reference', () => {
    const { text } = writePaymul(interchange());
    expect(
      text.startsWith(
        "UNA:+,? 'UNB+UNOC:3+5790000000000:14+5790000000001:14+260512:0930+NK0000000123++PAYMUL'",
      ),
    ).toBe(true);
    expect(text.endsWith("UNZ+1+NK0000000123'")).toBe(true);
  });

  it('counts the message segments from UNH to UNT inclusive in UNT', () => {
    const written = writePaymul(interchange());
    const segments = readEdifact(written.text);
    const unh = segments.findIndex((s) => s.tag === 'UNH');
    const unt = segments.findIndex((s) => s.tag === 'UNT');
    expect(segments[unt]?.elements).toEqual([[String(unt - unh + 1)], ['1']]);
    expect(written.messageSegmentCount).toBe(unt - unh + 1);
  });

  it('sums the debit line and formats amounts in kroner with a decimal comma', () => {
    const segments = readEdifact(writePaymul(interchange()).text);
    const moas = segments.filter((s) => s.tag === 'MOA').map((s) => s.elements[0]);
    expect(moas).toEqual([
      ['9', '1500,99', 'DKK'],
      ['9', '1500,00', 'DKK'],
      ['9', '0,99', 'DKK'],
    ]);
    expect(formatAmount(1)).toBe('0,01');
    expect(formatAmount(123456789)).toBe('1234567,89');
  });

  it('escapes service characters in data so they survive a round trip', () => {
    const { text } = writePaymul(interchange());
    expect(text).toContain("NAD+BE+++O?'Brien ?+ Co?: ??'");
    const nads = readEdifact(text).filter((s) => s.tag === 'NAD' && s.elements[0]?.[0] === 'BE');
    expect(nads[1]?.elements[3]).toEqual(["O'Brien + Co: ?"]);
  });

  it('writes Danish accounts with reg.nr in C088 and IBANs with the BIC', () => {
    const fiis = readEdifact(writePaymul(interchange()).text).filter((s) => s.tag === 'FII');
    expect(fiis[0]?.elements).toEqual([
      ['OR'],
      ['0001234567', 'UDBETALING DANMARK', '', 'DKK'],
      ['', '', '', '1234', '80', '130'],
      ['DK'],
    ]);
    expect(fiis[1]?.elements).toEqual([
      ['BF'],
      ['0440116243', 'Søren Ærø', '', 'DKK'],
      ['', '', '', '0040', '80', '130'],
      ['DK'],
    ]);
    expect(fiis[2]?.elements).toEqual([
      ['BF'],
      ['DE89370400440532013000', "O'Brien + Co: ?"],
      ['COBADEFFXXX', '25', '5'],
      ['DE'],
    ]);
  });

  it('encodes the interchange as ISO 8859-1', () => {
    const { bytes, text } = writePaymul(interchange());
    expect(bytes.length).toBe(text.length);
    expect(bytes.includes(Buffer.from([0xf8]))).toBe(true); // ø
    expect(bytes.toString('latin1')).toBe(text);
  });

  it('transliterates € and typographic quotes, and refuses emoji with a reason', () => {
    const credit = interchange().debits[0]!.credits[0]!;
    const withEuro = interchange({
      debits: [{ ...interchange().debits[0]!, credits: [{ ...credit, adviceText: '€ 10 “refusion”' }] }],
    });
    expect(writePaymul(withEuro).text).toContain('FTX+PMD+++EUR 10 "refusion"');
    const withEmoji = interchange({
      debits: [{ ...interchange().debits[0]!, credits: [{ ...credit, adviceText: 'Tillykke 🎉' }] }],
    });
    expect(() => writePaymul(withEmoji)).toThrow(PaymulValidationError);
    expect(() => writePaymul(withEmoji)).toThrow(
      /advice text: character "🎉" \(U\+1F389\) is outside ISO 8859-1/,
    );
  });

  it('refuses too long references, bad amounts and an empty interchange', () => {
    expect(() => writePaymul(interchange({ controlRef: 'X'.repeat(15) }))).toThrow(/at most 14/);
    const credit = interchange().debits[0]!.credits[0]!;
    for (const amountOre of [0, -5, 1.5]) {
      const bad = interchange({
        debits: [{ ...interchange().debits[0]!, credits: [{ ...credit, amountOre }] }],
      });
      expect(() => writePaymul(bad)).toThrow(/positive whole number of øre/);
    }
    expect(() => writePaymul(interchange({ debits: [] }))).toThrow(/at least one debit/);
  });

  it('cuts nothing silently: advice longer than the bank allows is refused', () => {
    const credit = interchange().debits[0]!.credits[0]!;
    const long = interchange({
      maxAdviceLength: 20,
      debits: [
        {
          ...interchange().debits[0]!,
          credits: [{ ...credit, adviceText: 'Børneydelse for 2. kvartal 2026' }],
        },
      ],
    });
    expect(() => writePaymul(long)).toThrow(/advice text is 31 characters; at most 20/);
  });
});
