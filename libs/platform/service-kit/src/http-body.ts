import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage, ServerResponse } from 'node:http';

// The largest JSON (or form) body a service takes unless its definition says otherwise.
export const DEFAULT_JSON_BODY_LIMIT = 4 * 1024 * 1024;

// What a client is told when its body cannot be read: a status, a code it can act on and a
// message that never repeats the body (the JSON parser's own message quotes it, and a body may
// hold CPR numbers).
const BODY_ERRORS: Record<string, { status: number; error: string; code: string; message: string }> = {
  'entity.too.large': {
    status: 413,
    error: 'Payload Too Large',
    code: 'BODY_TOO_LARGE',
    message: 'the request body is larger than the limit',
  },
  'entity.parse.failed': {
    status: 400,
    error: 'Bad Request',
    code: 'MALFORMED_JSON',
    message: 'the request body is not valid JSON',
  },
  'charset.unsupported': {
    status: 415,
    error: 'Unsupported Media Type',
    code: 'UNSUPPORTED_CHARSET',
    message: 'the request body must be UTF-8',
  },
  'encoding.unsupported': {
    status: 415,
    error: 'Unsupported Media Type',
    code: 'UNSUPPORTED_ENCODING',
    message: 'the request body encoding is not supported',
  },
  'request.aborted': {
    status: 400,
    error: 'Bad Request',
    code: 'BODY_ABORTED',
    message: 'the request body was not sent to its end',
  },
  'request.size.invalid': {
    status: 400,
    error: 'Bad Request',
    code: 'BODY_SIZE_MISMATCH',
    message: 'the request body does not match its Content-Length',
  },
};

// JSON and form bodies up to `limit` bytes; a body the parser refuses gets a JSON error with a
// specific code instead of a 500 (or an HTML page).
export function useBodyParsers(app: NestExpressApplication, limit: number): void {
  const logger = new Logger('HttpBody');
  app.useBodyParser('json', { limit });
  app.useBodyParser('urlencoded', { limit, extended: true });
  app.use((err: unknown, req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
    const type = (err as { type?: unknown } | null)?.type;
    const known = typeof type === 'string' ? BODY_ERRORS[type] : undefined;
    if (!known) return next(err);
    logger.warn({ code: known.code, method: req.method, path: req.url?.split('?')[0] }, known.message);
    const message =
      known.code === 'BODY_TOO_LARGE' ? `the request body is larger than ${limit} bytes` : known.message;
    res.statusCode = known.status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ statusCode: known.status, error: known.error, code: known.code, message }));
  });
}
