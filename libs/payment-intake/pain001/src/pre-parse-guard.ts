import { Pain001FormatCode, Pain001FormatError } from './pain001-format.error';

const LT = 0x3c;
const GT = 0x3e;

// Looks at the characters before the XML parser does and refuses what must never reach it: any
// DOCTYPE or other markup declaration (`<!` and a letter: no entity can be declared, so none is
// expanded and nothing is fetched), and any run between two markup delimiters longer than
// `maxRun` characters (the parser buffers a text node, comment or tag whole before it reports
// it, so a huge one would sit in memory however the document is streamed).
export class PreParseGuard {
  private tail = '';
  private run = 0;

  constructor(private readonly maxRun: number) {}

  check(chunk: string): void {
    if (/<![A-Za-z]/.test(this.tail + chunk)) {
      throw new Pain001FormatError(
        Pain001FormatCode.DOCTYPE_NOT_ALLOWED,
        'a DOCTYPE or markup declaration is not allowed',
      );
    }
    this.tail = (this.tail + chunk).slice(-2);
    let run = this.run;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === LT || c === GT) run = 0;
      else if (++run > this.maxRun) {
        throw new Pain001FormatError(
          Pain001FormatCode.TEXT_TOO_LONG,
          `more than ${this.maxRun} characters without markup`,
        );
      }
    }
    this.run = run;
  }
}
