import {
  PersonCreated,
  aPersonCreated,
  anAddress,
  parseDataRecord,
  writeDataRecord,
} from '@nemkonto/cpr-cvr-sync-feed-format';
import { CopyRowBuffer } from './copy-row-buffer';
import { encodePerson } from './extract-rows';
import { checkPersonLine, encodePersonLine } from './person-fast-path';

const variants: PersonCreated[] = [
  aPersonCreated(),
  aPersonCreated({ address: null, status: 'EMIGRATED', statusDate: '2025-06-30' }),
  aPersonCreated({ protected: true, status: 'DEAD', statusDate: '2024-02-29' }),
  aPersonCreated({ cpr: '0101505123', status: 'INCAPACITATED', statusDate: '2001-01-01' }),
  aPersonCreated({ address: anAddress({ houseNo: null, floor: null, door: null }) }),
  aPersonCreated({
    firstNames: 'Å',
    lastName: 'Ø',
    address: anAddress({ street: 'x'.repeat(40), city: 'y'.repeat(20) }),
  }),
  aPersonCreated({ cpr: '3112991234', sequenceNo: 999_999_999_999 }),
];

function bytes(f: (b: CopyRowBuffer) => void): Buffer {
  const b = new CopyRowBuffer(64);
  f(b);
  return b.take();
}

// The fast path must never accept what the general reader refuses, nor read it differently.
function agrees(line: string): 'fast' | 'general' {
  const seq = checkPersonLine(line);
  const general = parseDataRecord(line);
  if (seq < 0) return 'general';
  // Plain checks first: expect() on thousands of lines would be slow.
  if (!general.ok || general.value.type !== 'person.created') {
    throw new Error(`the fast path took a line the general reader refuses: ${JSON.stringify(line)}`);
  }
  const event = general.value;
  const same =
    seq === event.sequenceNo &&
    bytes((b) => encodePersonLine(b, line, seq)).equals(bytes((b) => encodePerson(b, event)));
  if (!same) throw new Error(`the fast path reads this line differently: ${JSON.stringify(line)}`);
  return 'fast';
}

describe('initial load: the fast path for person records', () => {
  it.each(variants.map((v, i) => [i, v] as const))(
    'takes well-formed record %i exactly as the general reader reads it',
    (_, v) => {
      const line = writeDataRecord(v);
      expect(agrees(line)).toBe('fast');
      expect(agrees(line.trimEnd())).toBe('fast');
    },
  );

  it('leaves every corrupted variant to the general reader or reads it identically', () => {
    // Deterministic corruption: each column replaced by characters that matter to some rule.
    const replacements = [' ', '0', '9', 'A', 'D', 'x', '\u0001', '\u00a0', 'ø', '-'];
    let fast = 0;
    let general = 0;
    for (const v of variants) {
      const line = writeDataRecord(v);
      for (let col = 0; col < line.length; col++) {
        for (const r of replacements) {
          const outcome = agrees(line.slice(0, col) + r + line.slice(col + 1));
          if (outcome === 'fast') fast++;
          else general++;
        }
      }
      expect(agrees(line + 'x')).toBe('general');
      expect(agrees(line.slice(0, 150))).toBe('general');
    }
    expect(fast).toBeGreaterThan(1000);
    expect(general).toBeGreaterThan(1000);
  });
});
