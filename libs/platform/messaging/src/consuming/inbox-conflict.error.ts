// The same message id arrived with different content: a producer bug or tampering. The message is
// dead-lettered for an operator and never applied.
export class InboxConflictError extends Error {
  constructor(readonly messageId: string) {
    super(`message ${messageId} was already processed with different content`);
    this.name = 'InboxConflictError';
  }
}
