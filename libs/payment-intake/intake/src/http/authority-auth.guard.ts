import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DataSource } from 'typeorm';

export interface AuthenticatedRequest extends IncomingMessage {
  authorityId?: string;
}

// HTTPS upload: the authority's system presents its bearer token; only its SHA-256 is stored.
@Injectable()
export class AuthorityAuthGuard implements CanActivate {
  constructor(private readonly dataSource: DataSource) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization ?? '';
    const token = /^Bearer ([A-Za-z0-9._~+/=-]{16,200})$/.exec(header)?.[1];
    if (!token) throw new UnauthorizedException('a bearer token is required');
    const digest = createHash('sha256').update(token).digest('hex');
    const [row] = (await this.dataSource.query(
      'SELECT authority_id FROM authorities WHERE api_token_sha256 = $1',
      [digest],
    )) as {
      authority_id: string;
    }[];
    if (!row) throw new UnauthorizedException('unknown token');
    req.authorityId = row.authority_id;
    return true;
  }
}
