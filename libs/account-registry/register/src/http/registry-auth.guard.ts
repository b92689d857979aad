import { SERVICE_CONFIG, ServiceConfig } from '@nemkonto/platform-service-kit';
import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { DataSource } from 'typeorm';
import { EidSessions, sessionCookieOf } from '../eid/eid-sessions';
import { Clock } from '@nemkonto/platform-service-kit';
import { PartyKey } from '../usecases/party-state';

// The registry's callers. Machines use bearer tokens (banks, authorities' systems, private
// payers, operators' tools); people log in with eID and carry a session cookie (citizens and
// businesses, caseworkers, operators).
export type Role = 'BANK' | 'AUTHORITY' | 'CASEWORKER' | 'CITIZEN' | 'PRIVATE_PAYER' | 'OPERATOR';
export const ALL_ROLES: readonly Role[] = [
  'BANK',
  'AUTHORITY',
  'CASEWORKER',
  'CITIZEN',
  'PRIVATE_PAYER',
  'OPERATOR',
];

export interface Principal {
  readonly role: Role;
  // The bank, authority or payer id; for caseworkers their authority; for citizens the party.
  readonly id: string;
  // Who acted, as the change log and the lookup audit record it.
  readonly actor: string;
  // CITIZEN: the party logged in for.
  readonly party: PartyKey | null;
  readonly displayName: string | null;
}

export interface RegistryRequest extends IncomingMessage {
  principal?: Principal;
}

export const ROLES = 'registry:roles';
// The roles allowed on a controller or handler; anyone else gets 403.
export const Roles = (...roles: Role[]): ReturnType<typeof SetMetadata> => SetMetadata(ROLES, roles);

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// A bearer token's principal is kept this long after it was read from the database, so a busy
// caller's requests do not each cost a query. A token removed or replaced in the database (a
// bank, authority or payer re-registered) is therefore still accepted for up to 30 s by each
// registry instance. Unknown tokens are never cached: a new token works at once.
export const TOKEN_CACHE_MS = 30_000;
const TOKEN_CACHE_MAX = 10_000;
const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

// Every registry endpoint is authenticated: a bearer token (stored as SHA-256) or an eID
// session names the caller (401 without either, or with an unknown one), the endpoint's roles
// decide whether it may call it (403). A session changing anything must send its CSRF token in
// `x-csrf-token`, so another site cannot act with the cookie.
@Injectable()
export class RegistryAuthGuard implements CanActivate {
  private readonly tokens = new Map<string, { readonly principal: Principal; readonly until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
    private readonly sessions: EidSessions,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RegistryRequest>();
    const principal =
      req.headers.authorization !== undefined ? await this.fromToken(req) : await this.fromSession(req);
    const roles =
      this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    if (!roles.includes(principal.role))
      throw new ForbiddenException(
        `a ${principal.role.toLowerCase().replace('_', ' ')} may not call this endpoint`,
      );
    req.principal = principal;
    return true;
  }

  private async fromToken(req: RegistryRequest): Promise<Principal> {
    const token = /^Bearer ([A-Za-z0-9._~+/=-]{16,200})$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) throw new UnauthorizedException('a bearer token is required');
    const digest = sha256(token);
    const operator = this.config.NK_OPERATOR_TOKEN_SHA256;
    if (operator && timingSafeEqual(digest, Buffer.from(operator, 'hex')))
      return { role: 'OPERATOR', id: 'operator', actor: 'operator:token', party: null, displayName: null };
    const key = digest.toString('hex');
    const cached = this.tokens.get(key);
    if (cached && cached.until > performance.now()) return cached.principal;
    const [row] = (await this.dataSource.query(
      `SELECT 'BANK' AS role, bank_id AS id FROM channel_banks WHERE api_token_sha256 = $1
       UNION ALL SELECT 'AUTHORITY', authority_id FROM channel_authorities WHERE api_token_sha256 = $1
       UNION ALL SELECT 'PRIVATE_PAYER', payer_id FROM private_payers WHERE api_token_sha256 = $1`,
      [key],
    )) as { role: Role; id: string }[];
    if (!row) throw new UnauthorizedException('unknown token');
    const principal: Principal = {
      role: row.role,
      id: row.id,
      actor: `${row.role.toLowerCase()}:${row.id}`,
      party: null,
      displayName: null,
    };
    if (this.tokens.size >= TOKEN_CACHE_MAX) this.tokens.clear();
    this.tokens.set(key, { principal, until: performance.now() + TOKEN_CACHE_MS });
    return principal;
  }

  private async fromSession(req: RegistryRequest): Promise<Principal> {
    const cookie = sessionCookieOf(req.headers.cookie);
    if (!cookie) throw new UnauthorizedException('log in, or send a bearer token');
    const session = await this.sessions.find(cookie, this.clock.now());
    if (!session) throw new UnauthorizedException('the session has ended: log in again');
    if (UNSAFE.has(req.method ?? '')) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken))
        throw new ForbiddenException({
          statusCode: 403,
          code: 'CSRF',
          message: 'the x-csrf-token header is missing or wrong',
        });
    }
    return {
      role: session.role,
      id:
        session.role === 'CASEWORKER'
          ? (session.authorityId ?? '')
          : session.role === 'CITIZEN'
            ? (session.party?.value ?? '')
            : 'operator',
      actor: session.actor,
      party: session.party,
      displayName: session.displayName,
    };
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
