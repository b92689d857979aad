export type Latin1Result =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

// Characters authorities commonly send that UNOC (ISO 8859-1) lacks, mapped to what a bank
// statement can show. Anything else outside Latin-1 is refused with a reason rather than guessed.
const TRANSLITERATIONS: Record<string, string> = {
  '€': 'EUR',
  '‘': "'",
  '’': "'",
  '‚': ',',
  '“': '"',
  '”': '"',
  '„': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '•': '*',
  '\u00a0': ' ',
  '\t': ' ',
};

// Printable ASCII and Latin-1 letters and signs: already what UNOC can carry, and already NFC.
const PLAIN_LATIN1 = /^[\x20-\x7e\xa1-\xff]*$/;

export function toLatin1Text(input: string): Latin1Result {
  if (PLAIN_LATIN1.test(input)) return { ok: true, text: input };
  let out = '';
  for (const ch of input.normalize('NFC')) {
    const mapped = TRANSLITERATIONS[ch];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      return {
        ok: false,
        reason: `control character U+${code.toString(16).toUpperCase().padStart(4, '0')} is not allowed`,
      };
    }
    if (code > 0xff) {
      return {
        ok: false,
        reason: `character "${ch}" (U+${code.toString(16).toUpperCase()}) is outside ISO 8859-1 (UNOC)`,
      };
    }
    out += ch;
  }
  return { ok: true, text: out };
}
