import { RpcException } from '@nestjs/microservices';

export const PERMANENT_FAILURE = 'NK_PERMANENT_FAILURE';

// Thrown by a handler when retrying cannot help (the message itself is wrong): the transport
// dead-letters it at once instead of after the delivery limit. It extends RpcException so
// Nest's exception filter passes it through to the transport intact.
export class PermanentMessageError extends RpcException {
  constructor(readonly reason: string) {
    super({ code: PERMANENT_FAILURE, reason });
  }
}

export function isPermanentFailure(error: unknown): boolean {
  return (
    error instanceof PermanentMessageError ||
    (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === PERMANENT_FAILURE)
  );
}
