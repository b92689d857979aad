// A CPR number: DDMMYY-SSSS or ten digits, whose first six digits could be a day (01-31) and a
// month (01-12), and which is not part of a longer run of digits (so 12-digit references and
// 8-digit CVR numbers stay readable). The birth date is personal data too, so all of it goes.
const CPR_LIKE = /(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)/g;
export const CPR_MASK = '******-****';
// Field names that hold a person's identifier whatever its shape (matched case-insensitively).
export const PERSONAL_FIELD_NAMES = [
  'cpr',
  'cprNumber',
  'cpr_number',
  'previousCpr',
  'partyId',
  'party_id',
  'personId',
  'person_id',
] as const;
const PERSONAL_KEYS = new Set<string>(PERSONAL_FIELD_NAMES.map((k) => k.toLowerCase()));
const MAX_DEPTH = 10;
const SHORTEST_CPR = 10;

export function maskCprInText(text: string): string {
  // Most log strings are short words: skip the regex for anything that cannot hold a CPR.
  return text.length < SHORTEST_CPR ? text : text.replace(CPR_LIKE, CPR_MASK);
}

// A copy of `value` with every CPR-like run in its strings masked and every field named after a
// personal identifier masked whatever it holds. It runs on every log line: non-string primitives
// pass untouched, depth is bounded (anything deeper is dropped, not logged unmasked) and a cycle
// becomes '[Circular]'.
export function maskPersonalData(value: unknown): unknown {
  return mask(value, 0, new WeakSet<object>());
}

function mask(value: unknown, depth: number, ancestors: WeakSet<object>): unknown {
  if (typeof value === 'string') return maskCprInText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '[Truncated]';
  if (ancestors.has(value)) return '[Circular]';
  // Only ancestors count: the same object twice side by side is not a cycle.
  ancestors.add(value);
  try {
    return maskObject(value, depth, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function maskObject(value: object, depth: number, ancestors: WeakSet<object>): unknown {
  if (Array.isArray(value)) return value.map((v: unknown) => mask(v, depth + 1, ancestors));
  if (value instanceof Error) return maskError(value, depth, ancestors);
  // Buffers would serialise as arrays of byte values: unreadable and unbounded.
  if (ArrayBuffer.isView(value)) return `[binary, ${value.byteLength} bytes]`;
  if (value instanceof Map) return mask(Object.fromEntries(value), depth + 1, ancestors);
  if (value instanceof Set) return mask([...value], depth + 1, ancestors);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  // Dates and value objects log as JSON.stringify would show them.
  if (typeof toJSON === 'function') return mask(toJSON.call(value), depth + 1, ancestors);
  return maskFields(value, {}, depth, ancestors);
}

function maskError(err: Error, depth: number, ancestors: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: err.name,
    message: maskCprInText(err.message),
    stack: err.stack === undefined ? undefined : maskCprInText(err.stack),
  };
  // Own fields such as `code`, a driver's `query` and `parameters`; `cause` is not enumerable.
  maskFields(err, out, depth, ancestors);
  if (err.cause !== undefined) out['cause'] = mask(err.cause, depth + 1, ancestors);
  return out;
}

function maskFields(
  source: object,
  out: Record<string, unknown>,
  depth: number,
  ancestors: WeakSet<object>,
): Record<string, unknown> {
  for (const [key, v] of Object.entries(source)) {
    out[key] =
      v !== null && v !== undefined && PERSONAL_KEYS.has(key.toLowerCase())
        ? CPR_MASK
        : mask(v, depth + 1, ancestors);
  }
  return out;
}
