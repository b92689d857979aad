import { SEPARATORS } from './syntax';

export interface ParsedSegment {
  readonly tag: string;
  // elements[i][j]: component j of data element i (after the tag), release characters removed.
  readonly elements: readonly (readonly string[])[];
}

export class EdifactSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EdifactSyntaxError';
  }
}

// Tokenises an interchange (the answers banks send: CONTRL, BANSTA). Honours UNA, the release
// character, and drops unescaped line breaks, which banks insert for readability.
export function readEdifact(input: string): ParsedSegment[] {
  let text = input.replace(/^\uFEFF/, '');
  let sep: Record<keyof typeof SEPARATORS, string> = { ...SEPARATORS, decimal: '.' };
  if (text.startsWith('UNA')) {
    if (text.length < 9) throw new EdifactSyntaxError('UNA service string advice is truncated');
    sep = {
      component: text.charAt(3),
      element: text.charAt(4),
      decimal: text.charAt(5),
      release: text.charAt(6),
      reserved: text.charAt(7),
      segment: text.charAt(8),
    };
    text = text.slice(9);
  }
  const segments: ParsedSegment[] = [];
  let elements: string[][] = [];
  let components: string[] = [];
  let current = '';
  let escaped = false;
  for (const ch of text) {
    if (escaped) {
      current += ch;
      escaped = false;
    } else if (ch === sep.release) {
      escaped = true;
    } else if (ch === '\r' || ch === '\n') {
      continue;
    } else if (ch === sep.component) {
      components.push(current);
      current = '';
    } else if (ch === sep.element) {
      components.push(current);
      elements.push(components);
      components = [];
      current = '';
    } else if (ch === sep.segment) {
      components.push(current);
      elements.push(components);
      const [tagPart, ...rest] = elements;
      const tag = (tagPart?.[0] ?? '').trim();
      if (!/^[A-Z]{3}$/.test(tag))
        throw new EdifactSyntaxError(`invalid segment tag "${tag}" at segment ${segments.length + 1}`);
      segments.push({ tag, elements: rest });
      elements = [];
      components = [];
      current = '';
    } else {
      current += ch;
    }
  }
  if (escaped) throw new EdifactSyntaxError('interchange ends with a dangling release character');
  if (current.trim() !== '' || elements.length > 0 || components.length > 0) {
    throw new EdifactSyntaxError('interchange does not end with a segment terminator');
  }
  return segments;
}
