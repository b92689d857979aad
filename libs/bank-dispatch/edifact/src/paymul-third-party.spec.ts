import { parseWithPublishedEdifactParser as parseWithPublishedParser } from '@nemkonto/testing';
import { writePaymul } from './paymul-writer';
import { PaymulInterchange } from './paymul.model';

// An independent reading of our output: the published `edifact` parser (npm), not our reader.
const interchange: PaymulInterchange = {
  controlRef: 'NK0000000777',
  senderId: '5790000000000',
  recipientId: '5790000000001',
  partyQualifier: '14',
  preparedAt: new Date('2026-05-12T09:30:00Z'),
  messageRef: '1',
  documentNo: 'NK20260512-0007',
  debits: [
    {
      executionDate: '2026-05-13',
      reference: 'B0000007',
      debitRegNo: '1234',
      debitAccountNo: '0001234567',
      debtorName: 'UDBETALING DANMARK',
      credits: Array.from({ length: 25 }, (_, i) => ({
        amountOre: 100_000 + i,
        endToEndRef: `NK00000001UDK-${i}`,
        beneficiary: { kind: 'DK' as const, regNo: '0040', accountNo: String(440116243 + i) },
        beneficiaryName: i % 2 ? "O'Hara + Søn: ?" : 'Åse Ærø',
        adviceText: i % 3 ? 'Børneydelse' : null,
      })),
    },
  ],
};

describe('PAYMUL read by a published EDIFACT parser', () => {
  it('parses every segment, with the counts in UNT and UNZ matching what it read', () => {
    const written = writePaymul(interchange);
    const segments = parseWithPublishedParser(written.text);
    const names = segments.map((s) => s.name);
    const unh = names.indexOf('UNH');
    const unt = names.indexOf('UNT');
    expect(names[0]).toBe('UNB');
    expect(names.at(-1)).toBe('UNZ');
    expect(Number(segments[unt]?.elements[0]?.[0])).toBe(unt - unh + 1);
    expect(segments.at(-1)?.elements).toEqual([['1'], ['NK0000000777']]);
    expect(names.filter((n) => n === 'SEQ')).toHaveLength(25);
  });

  it('reads released service characters and Danish letters back as the original text', () => {
    const segments = parseWithPublishedParser(writePaymul(interchange).text);
    const beneficiaries = segments
      .filter((s) => s.name === 'NAD' && s.elements[0]?.[0] === 'BE')
      .map((s) => s.elements[3]?.[0]);
    expect(beneficiaries.slice(0, 2)).toEqual(['Åse Ærø', "O'Hara + Søn: ?"]);
  });
});
