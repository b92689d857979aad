import { Clock } from '@nemkonto/platform-service-kit';
import {
  BadRequestException,
  Controller,
  Get,
  HttpCode,
  Inject,
  Logger,
  Post,
  Query,
  Req,
  Res,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EidClient } from './eid-client';
import {
  EID_AUDIENCES,
  EidAudience,
  EidSessions,
  LoginRefused,
  SESSION_COOKIE,
  sessionCookieOf,
} from './eid-sessions';
import { EID_SETTINGS, EidSettings } from './eid.settings';

const DEFAULT_RETURN: Record<EidAudience, string> = {
  citizen: '/ui/',
  business: '/ui/',
  caseworker: '/ui/',
  operator: '/ui/',
};

// Only a path on this site (no scheme, no '//host'): the login must not become an open redirect.
function safeReturnTo(value: unknown, audience: EidAudience): string {
  if (typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(value) && value.length <= 200)
    return value;
  return DEFAULT_RETURN[audience];
}

// Login through the eID broker (OpenID Connect): /eid/login sends the browser to the provider,
// /eid/callback checks the answer, opens a session and sets its cookie (HttpOnly, SameSite=Lax).
// These are the only registry endpoints that take anonymous calls: they are the authentication.
@ApiTags('eID login')
@Controller('eid')
export class EidController {
  private readonly logger = new Logger(EidController.name);

  constructor(
    private readonly client: EidClient,
    private readonly sessions: EidSessions,
    private readonly clock: Clock,
    @Inject(EID_SETTINGS) private readonly settings: EidSettings,
  ) {}

  @Get('login')
  @ApiOperation({
    summary: 'Start a login (as=citizen|business|caseworker|operator): redirects to the eID provider',
  })
  async login(
    @Query('as') as: unknown,
    @Query('returnTo') returnTo: unknown,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const audience = (EID_AUDIENCES as readonly unknown[]).includes(as ?? 'citizen')
      ? ((as ?? 'citizen') as EidAudience)
      : null;
    if (!audience)
      throw new BadRequestException({
        statusCode: 400,
        code: 'AUDIENCE',
        message: `as is one of ${EID_AUDIENCES.join(', ')}`,
      });
    const start = await this.client.start();
    await this.sessions.beginLogin(audience, safeReturnTo(returnTo, audience), start);
    res.writeHead(302, { location: start.url, 'cache-control': 'no-store' }).end();
  }

  @Get('callback')
  @ApiOperation({ summary: 'Where the eID provider returns: opens a session and redirects back' })
  async callback(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    const query = new URL(req.url ?? '/', 'http://registry').searchParams;
    const login = await this.sessions.takeLogin(query.get('state') ?? '');
    if (!login)
      throw new BadRequestException({
        statusCode: 400,
        code: 'LOGIN_STATE',
        message: 'unknown or expired login: start again',
      });
    if (query.get('error'))
      throw new LoginRefused('LOGIN_CANCELLED', `the eID provider ended the login: ${query.get('error')}`);
    const callback = new URL(this.settings.redirectUri);
    callback.search = query.toString();
    let claims: Record<string, unknown>;
    try {
      claims = await this.client.finish(callback, login);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'eID login failed');
      throw new UnauthorizedException({
        statusCode: 401,
        code: 'LOGIN_FAILED',
        message: 'the eID login could not be verified',
      });
    }
    const principal = await this.sessions.principalFromClaims(login.audience, claims);
    const { cookie } = await this.sessions.create(principal, this.clock.now());
    this.logger.log({ role: principal.role, audience: login.audience }, 'eID login');
    res
      .writeHead(302, {
        location: login.returnTo,
        'cache-control': 'no-store',
        'set-cookie': `${SESSION_COOKIE}=${cookie}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${this.settings.sessionMinutes * 60}${
          this.settings.cookieSecure ? '; Secure' : ''
        }`,
      })
      .end();
  }

  @Get('session')
  @ApiOperation({ summary: 'Who is logged in, and the CSRF token for changes' })
  async session(@Req() req: IncomingMessage): Promise<{
    role: string;
    displayName: string;
    party: { kind: string } | null;
    authorityId: string | null;
    csrfToken: string;
  }> {
    const cookie = sessionCookieOf(req.headers.cookie);
    const session = cookie ? await this.sessions.find(cookie, this.clock.now()) : null;
    if (!session) throw new UnauthorizedException('not logged in');
    // The party's number is not repeated here: the page shows it masked.
    return {
      role: session.role,
      displayName: session.displayName,
      party: session.party ? { kind: session.party.kind } : null,
      authorityId: session.authorityId,
      csrfToken: session.csrfToken,
    };
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session' })
  async logout(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    const cookie = sessionCookieOf(req.headers.cookie);
    if (cookie) await this.sessions.end(cookie);
    res
      .writeHead(204, { 'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` })
      .end();
  }
}
