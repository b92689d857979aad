import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DataSource } from 'typeorm';

export type Role = 'BANK' | 'AUTHORITY' | 'PRIVATE_PAYER';

export interface Principal {
  readonly role: Role;
  readonly id: string;
}

export interface RegistryRequest extends IncomingMessage {
  principal?: Principal;
}

export const ROLES = 'registry:roles';
// The roles allowed on a controller or handler; anyone else gets 403.
export const Roles = (...roles: Role[]): ReturnType<typeof SetMetadata> => SetMetadata(ROLES, roles);

// Every registry endpoint is authenticated: a bank's or an authority's bearer token (stored as
// SHA-256) names the caller; the endpoint's roles decide whether it may call it (401 without a
// known token, 403 with the wrong role).
@Injectable()
export class RegistryAuthGuard implements CanActivate {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RegistryRequest>();
    const token = /^Bearer ([A-Za-z0-9._~+/=-]{16,200})$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedException('a bearer token is required');
    const digest = createHash('sha256').update(token).digest('hex');
    const [row] = (await this.dataSource.query(
      `SELECT 'BANK' AS role, bank_id AS id FROM channel_banks WHERE api_token_sha256 = $1
       UNION ALL SELECT 'AUTHORITY', authority_id FROM channel_authorities WHERE api_token_sha256 = $1
       UNION ALL SELECT 'PRIVATE_PAYER', payer_id FROM private_payers WHERE api_token_sha256 = $1`,
      [digest],
    )) as Principal[];
    if (!row) throw new UnauthorizedException('unknown token');
    const roles =
      this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    if (!roles.includes(row.role))
      throw new ForbiddenException(`a ${row.role.toLowerCase()} may not call this endpoint`);
    req.principal = row;
    return true;
  }
}
