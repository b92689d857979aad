// PAYER_CONFLICT: an operator gave a payer an agreement number, token or broker user another
// payer already has.
export type PrivatePayerErrorCode = 'UNKNOWN_PAYER' | 'NO_AGREEMENT' | 'THROTTLED' | 'PAYER_CONFLICT';

// What refuses a private payer's request as a whole (an item's outcome is an answer, not this).
export class PrivatePayerError extends Error {
  constructor(
    readonly code: PrivatePayerErrorCode,
    message: string,
    // THROTTLED: whole seconds until the bucket holds enough tokens again.
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
