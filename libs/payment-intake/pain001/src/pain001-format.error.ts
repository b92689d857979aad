// Why a document cannot be read (return answer 0, "unreadable XML"): the reason code the
// authority gets in the answer (`NK0-<code>`), beside the reason text.
export enum Pain001FormatCode {
  DOCTYPE_NOT_ALLOWED = 'DOCTYPE_NOT_ALLOWED',
  PROCESSING_INSTRUCTION = 'PROCESSING_INSTRUCTION',
  XML_VERSION = 'XML_VERSION',
  ENCODING_NOT_UTF8 = 'ENCODING_NOT_UTF8',
  INVALID_UTF8 = 'INVALID_UTF8',
  MALFORMED_XML = 'MALFORMED_XML',
  WRONG_ROOT = 'WRONG_ROOT',
  WRONG_NAMESPACE = 'WRONG_NAMESPACE',
  UNEXPECTED_ELEMENT = 'UNEXPECTED_ELEMENT',
  MISSING_ELEMENT = 'MISSING_ELEMENT',
  NESTING_TOO_DEEP = 'NESTING_TOO_DEEP',
  TEXT_TOO_LONG = 'TEXT_TOO_LONG',
  DOCUMENT_TOO_LARGE = 'DOCUMENT_TOO_LARGE',
  TOO_MANY_PAYMENTS = 'TOO_MANY_PAYMENTS',
  NO_PAYMENTS = 'NO_PAYMENTS',
}

// The document cannot be read as a NemKonto pain.001: return answer 0 ("unreadable XML"), with
// this reason. Nothing of the bundle is processed.
export class Pain001FormatError extends Error {
  constructor(
    readonly code: Pain001FormatCode,
    readonly reason: string,
    readonly line?: number,
  ) {
    super(line === undefined ? reason : `line ${line}: ${reason}`);
    this.name = 'Pain001FormatError';
  }
}
