export type PublishFailureReason = 'NOT_CONNECTED' | 'UNROUTABLE' | 'NACKED' | 'CHANNEL_CLOSED';

// A publish the broker did not confirm as routed and stored. The caller (the outbox relay)
// keeps the message and retries it; nothing is dropped.
export class PublishFailedError extends Error {
  constructor(
    readonly reason: PublishFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'PublishFailedError';
  }
}
