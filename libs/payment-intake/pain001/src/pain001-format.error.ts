// The document cannot be read as a NemKonto pain.001: return answer 0 ("unreadable XML"), with
// this reason. Nothing of the bundle is processed.
export class Pain001FormatError extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {
    super(line === undefined ? reason : `line ${line}: ${reason}`);
    this.name = 'Pain001FormatError';
  }
}
