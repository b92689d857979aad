import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, renderCorpusTables } from './corpus';

const DOC = join(__dirname, '..', '..', 'docs', 'hostile-input.md');
const START = '<!-- corpus:start -->';
const END = '<!-- corpus:end -->';

// Prettier pads table cells and separator rows; what is in them is what counts.
const normalise = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').replace(/-{3,}/g, '---').trim())
    .filter((l) => l !== '')
    .join('\n');

describe('the hostile-input corpus', () => {
  it('has at least 60 cases, each category some, every name unique within its category', () => {
    const all = Object.values(CORPUS).flat();
    expect(all.length).toBeGreaterThanOrEqual(60);
    for (const [category, cases] of Object.entries(CORPUS)) {
      expect([category, cases.length > 5]).toEqual([category, true]);
      expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
      expect(cases.every((c) => c.category === category)).toBe(true);
    }
  });

  it('is listed in docs/hostile-input.md as it is', () => {
    const doc = readFileSync(DOC, 'utf8');
    const start = doc.indexOf(START) + START.length;
    const end = doc.indexOf(END);
    const tables = renderCorpusTables();
    if (process.env['NK_HOSTILE_UPDATE'] === '1') {
      writeFileSync(DOC, `${doc.slice(0, start)}\n\n${tables}\n\n${doc.slice(end)}`);
      return;
    }
    expect(normalise(doc.slice(start, end))).toBe(normalise(tables));
  });
});
