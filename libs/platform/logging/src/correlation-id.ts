import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { maskCprInText } from './mask-personal-data';

export const CORRELATION_ID_HEADER = 'x-correlation-id';
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

// The request id on every log line of a request: the caller's correlation id when it is a sane
// token (not a CPR number, nothing that could forge a log field), else a new UUID. Echoed back
// so the caller can quote it.
export function correlationIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[CORRELATION_ID_HEADER];
  const id =
    typeof incoming === 'string' && ACCEPTABLE.test(incoming) && maskCprInText(incoming) === incoming
      ? incoming
      : randomUUID();
  res.setHeader(CORRELATION_ID_HEADER, id);
  return id;
}
