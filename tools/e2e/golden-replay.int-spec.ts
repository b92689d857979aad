// Golden replays: each recorded stream under tools/e2e/golden/ runs against a fresh system (the
// three services as processes) and its normalised outputs must equal the scenario's expected.txt.
// After an intended change of output, regenerate with NK_GOLDEN_UPDATE=1 and review the diff.
import {
  IntegrationContext,
  createIntegrationContext,
  parseWithPublishedEdifactParser,
} from '@nemkonto/testing';
import { validateXML } from 'xmllint-wasm';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenText, replay } from './golden-replay';

jest.setTimeout(120_000);

const goldenDir = join(__dirname, 'golden');
const pain002Xsd = readFileSync(
  join(__dirname, '..', '..', 'libs/payment-intake/pain002/schema/nemkonto-pain.002.001.10.xsd'),
  'utf8',
);
const scenarios = readdirSync(goldenDir).filter((d) => existsSync(join(goldenDir, d, 'scenario.json')));

describe('golden replays', () => {
  it('has the recorded scenarios', () => {
    expect(scenarios).toEqual([
      '1-mixed-complete-incomplete',
      '2-no-account-benefit-specific',
      '3-bank-rejects-and-stops',
      '4-bank-takes-pain001',
    ]);
  });

  describe.each(scenarios)('%s', (name) => {
    let infra: IntegrationContext;
    beforeAll(async () => {
      infra = await createIntegrationContext(`golden${name.slice(0, 1)}`);
    });
    afterAll(async () => {
      await infra?.dispose();
    });

    it('produces exactly the recorded pain.002 answers and bank orders', async () => {
      const { scenario, out } = await replay(join(goldenDir, name), infra);
      const actual = goldenText(scenario, out);
      const file = join(goldenDir, name, 'expected.txt');
      if (process.env['NK_GOLDEN_UPDATE'] === '1') writeFileSync(file, actual);
      expect(existsSync(file)).toBe(true);
      expect(actual).toBe(readFileSync(file, 'utf8'));
      // Every PAYMUL read by the published npm parser, every answer valid against the XSD.
      for (const order of out.orders.filter((o) => !o.startsWith('<'))) {
        const segments = parseWithPublishedEdifactParser(order);
        expect([segments[0]?.name, segments.at(-1)?.name]).toEqual(['UNB', 'UNZ']);
      }
      for (const answer of out.answers) {
        const result = await validateXML({
          xml: [{ fileName: 'answer.xml', contents: answer }],
          schema: [{ fileName: 'nemkonto-pain.002.001.10.xsd', contents: pain002Xsd }],
        });
        expect(result.errors.map((e) => e.message)).toEqual([]);
      }
    });
  });
});
