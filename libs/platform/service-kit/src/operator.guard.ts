import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ServiceConfig } from './service-config';
import { SERVICE_CONFIG } from './service-kit.tokens';

// Operator endpoints (inspect, re-send): a bearer token whose SHA-256 is configured. Without the
// configuration every call is refused.
@Injectable()
export class OperatorGuard implements CanActivate {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<IncomingMessage>();
    const token = /^Bearer ([A-Za-z0-9._~+/=-]{16,200})$/.exec(req.headers.authorization ?? '')?.[1];
    const expected = this.config.NK_OPERATOR_TOKEN_SHA256;
    if (!token || !expected) throw new UnauthorizedException('an operator token is required');
    const digest = createHash('sha256').update(token).digest();
    if (!timingSafeEqual(digest, Buffer.from(expected, 'hex')))
      throw new UnauthorizedException('unknown token');
    return true;
  }
}
