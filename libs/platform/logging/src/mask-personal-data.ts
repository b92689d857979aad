// CPR numbers (DDMMYY-SSSS or 10 digits) whose first six digits look like a day and month, not
// part of a longer digit run. The birth date is personal data too, so all of it is masked.
const CPR_LIKE = /(?<!\d)(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)/g;
const MASK = '******-****';
const PERSONAL_KEYS = new Set(['cpr', 'cprnumber', 'partyid', 'personid', 'previouscpr']);
const MAX_DEPTH = 8;

export function maskCprInText(text: string): string {
  return text.replace(CPR_LIKE, MASK);
}

// Deep copy with every CPR-like string masked; keys that name personal identifiers are masked
// whatever they hold. Runs on every log line, so it skips non-strings cheaply and stops at a depth.
export function maskPersonalData(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskCprInText(value);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (value instanceof Error) {
    return {
      type: value.name,
      message: maskCprInText(value.message),
      stack: value.stack ? maskCprInText(value.stack) : undefined,
    };
  }
  if (Array.isArray(value)) return value.map((v) => maskPersonalData(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      PERSONAL_KEYS.has(key.toLowerCase()) && v !== null && v !== undefined
        ? MASK
        : maskPersonalData(v, depth + 1, seen);
  }
  return out;
}
