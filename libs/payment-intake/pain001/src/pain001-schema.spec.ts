import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { aBundle, aTransaction } from './pain001.builders';
import { writePain001 } from './pain001-writer';

const xsd = readFileSync(join(__dirname, '..', 'schema', 'nemkonto-pain.001.001.09.xsd'), 'utf8');

async function validate(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const result = await validateXML({
    xml: [{ fileName: 'bundle.xml', contents: xml }],
    schema: [{ fileName: 'nemkonto-pain.001.001.09.xsd', contents: xsd }],
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}

jest.setTimeout(30_000);

describe('the NemKonto pain.001.001.09 profile XSD', () => {
  it('accepts what the writer produces: incomplete, complete Danish and foreign payments', async () => {
    const xml = writePain001(
      aBundle([
        aTransaction(),
        aTransaction({
          endToEndId: 'E2',
          creditor: { scheme: 'CVR', id: '13748136' },
          creditorAccount: { other: '00400440116243' },
        }),
        aTransaction({
          endToEndId: 'E3',
          creditorAccount: { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
          adviceText: undefined,
        }),
      ]),
    );
    expect(await validate(xml)).toEqual({ valid: true, errors: [] });
  });

  it('leaves per-payment errors (amount, CPR) to the reception check instead of failing the whole bundle', async () => {
    const xml = writePain001(
      aBundle([
        aTransaction({ amount: '10.005' }),
        aTransaction({ endToEndId: 'E2', creditor: { scheme: 'CPR', id: '9999999999' } }),
      ]),
    );
    expect((await validate(xml)).valid).toBe(true);
  });

  it.each([
    ['an unknown scheme', (x: string) => x.replace('<Prtry>CPR</Prtry>', '<Prtry>SSN</Prtry>')],
    ['a debit account that is not 14 digits', (x: string) => x.replace('12340001234567', '1234')],
    ['a missing benefit type', (x: string) => x.replace(/<Purp>.*?<\/Purp>/, '')],
    [
      'elements out of order',
      (x: string) => x.replace(/(<GrpHdr>)(<MsgId>.*?<\/MsgId>)(<CreDtTm>.*?<\/CreDtTm>)/, '$1$3$2'),
    ],
    ['an EndToEndId over 35 characters', (x: string) => x.replace('UDK-2026-000001', 'X'.repeat(36))],
  ])('rejects %s', async (_label, mutate) => {
    const result = await validate(mutate(writePain001(aBundle())));
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });
});
