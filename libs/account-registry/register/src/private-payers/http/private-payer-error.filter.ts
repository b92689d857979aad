import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PrivatePayerError, PrivatePayerErrorCode } from '../private-payer.error';

export function httpStatusOf(code: PrivatePayerErrorCode): HttpStatus {
  switch (code) {
    case 'UNKNOWN_PAYER':
      return HttpStatus.UNAUTHORIZED;
    case 'NO_AGREEMENT':
      return HttpStatus.FORBIDDEN;
    case 'THROTTLED':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'PAYER_CONFLICT':
      return HttpStatus.CONFLICT;
  }
}

// A refused private-payer request as HTTP: its status, its code, and for THROTTLED the
// Retry-After header (seconds until the bucket holds enough tokens).
@Catch(PrivatePayerError)
export class PrivatePayerErrorFilter implements ExceptionFilter {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(err: PrivatePayerError, host: ArgumentsHost): void {
    const http = this.adapterHost.httpAdapter;
    const res: unknown = host.switchToHttp().getResponse();
    const status = httpStatusOf(err.code);
    if (err.retryAfterSeconds !== undefined)
      http.setHeader(res, 'Retry-After', String(err.retryAfterSeconds));
    http.reply(
      res,
      {
        statusCode: status,
        code: err.code,
        message: err.message,
        ...(err.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: err.retryAfterSeconds }),
      },
      status,
    );
  }
}
