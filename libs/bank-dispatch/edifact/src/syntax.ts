// UN/EDIFACT syntax as Danish banks use it: UNOC (ISO 8859-1) with printable separators, so the
// interchange must start with UNA; decimal comma as in Danish bank files (formats.md §1.1).
export const SEPARATORS = {
  component: ':',
  element: '+',
  decimal: ',',
  release: '?',
  reserved: ' ',
  segment: "'",
} as const;

export const UNA = `UNA${SEPARATORS.component}${SEPARATORS.element}${SEPARATORS.decimal}${SEPARATORS.release}${SEPARATORS.reserved}${SEPARATORS.segment}`;

const NEEDS_RELEASE = /[?+:']/g;
const HAS_SERVICE_CHARACTER = /[?+:']/;

// Escapes service characters inside data with the release character: ?: ?+ ?' ??
export function escapeValue(value: string): string {
  // Most values hold none: skip the replace (it is on the hot path of large interchanges).
  if (!HAS_SERVICE_CHARACTER.test(value)) return value;
  return value.replace(NEEDS_RELEASE, '?$&');
}

// A data element is a string or, when composite, its components.
export type DataElement = string | readonly string[];

export interface Segment {
  readonly tag: string;
  readonly elements: readonly DataElement[];
}

export function segment(tag: string, ...elements: DataElement[]): Segment {
  return { tag, elements };
}

export function serializeSegment(s: Segment): string {
  const elements = s.elements.map((e) =>
    typeof e === 'string' ? escapeValue(e) : trimTrailingEmpty(e.map(escapeValue)).join(SEPARATORS.component),
  );
  return [s.tag, ...trimTrailingEmpty(elements)].join(SEPARATORS.element) + SEPARATORS.segment;
}

// Trailing empty elements and components are omitted, as the syntax rules require.
function trimTrailingEmpty(values: string[]): string[] {
  let end = values.length;
  while (end > 0 && values[end - 1] === '') end--;
  return values.slice(0, end);
}
