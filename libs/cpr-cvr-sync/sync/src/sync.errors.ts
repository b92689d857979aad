// Typed failures of the sync service. Each code maps to an HTTP status (operator endpoints), a
// dead-letter decision (the JSON feed) or a record reported as malformed (file drops).
export enum SyncErrorCode {
  UNKNOWN_SOURCE = 'UNKNOWN_SOURCE',
  WRONG_PARTY_KIND = 'WRONG_PARTY_KIND',
  SENDER_NOT_ALLOWED = 'SENDER_NOT_ALLOWED',
  INVALID_EVENT = 'INVALID_EVENT',
  REGISTER_NOT_EMPTY = 'REGISTER_NOT_EMPTY',
  INVALID_FILE = 'INVALID_FILE',
}

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export function httpStatusOf(code: SyncErrorCode): number {
  switch (code) {
    case SyncErrorCode.UNKNOWN_SOURCE:
    case SyncErrorCode.WRONG_PARTY_KIND:
    case SyncErrorCode.INVALID_EVENT:
    case SyncErrorCode.INVALID_FILE:
      return 422;
    case SyncErrorCode.SENDER_NOT_ALLOWED:
      return 403;
    case SyncErrorCode.REGISTER_NOT_EMPTY:
      return 409;
    default: {
      const unknown: never = code;
      throw new Error(`unmapped sync error ${String(unknown)}`);
    }
  }
}
