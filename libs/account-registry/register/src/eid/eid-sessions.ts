import { EID_LOA_LEVELS, EidClaims, EidLoa } from '@nemkonto/contracts';
import { Cpr, Cvr } from '@nemkonto/domain';
import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PartyKey } from '../usecases/party-state';
import { EID_SETTINGS, EidSettings } from './eid.settings';

// Who logs in, and so which claims must be there: a private person (CPR), a business (the CVR
// of a MitID Erhverv login), a caseworker (the CVR of an authority) or an operator.
export const EID_AUDIENCES = ['citizen', 'business', 'caseworker', 'operator'] as const;
export type EidAudience = (typeof EID_AUDIENCES)[number];

export interface SessionPrincipal {
  readonly role: 'CITIZEN' | 'CASEWORKER' | 'OPERATOR';
  // The actor written to the change log and the lookup audit.
  readonly actor: string;
  // CITIZEN: the party logged in for (a person's CPR or a business's CVR).
  readonly party: PartyKey | null;
  // CASEWORKER: the authority employing the caseworker.
  readonly authorityId: string | null;
  readonly displayName: string;
  readonly loa: EidLoa;
  readonly csrfToken: string;
}

export class LoginRefused extends ForbiddenException {
  constructor(code: string, message: string) {
    super({ statusCode: 403, error: 'Forbidden', code, message });
  }
}

const LOGIN_TTL_MINUTES = 10;
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

// Logins in progress and sessions after them, in the registry's schema (several instances
// share them). A session cookie holds 32 random bytes; only their SHA-256 is stored.
@Injectable()
export class EidSessions {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EID_SETTINGS) private readonly settings: EidSettings,
  ) {}

  async beginLogin(
    audience: EidAudience,
    returnTo: string,
    login: { state: string; nonce: string; codeVerifier: string },
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO eid_logins (state, nonce, code_verifier, audience, return_to) VALUES ($1, $2, $3, $4, $5)`,
      [login.state, login.nonce, login.codeVerifier, audience, returnTo],
    );
    await this.dataSource.query(
      `DELETE FROM eid_logins WHERE created_at < clock_timestamp() - make_interval(mins => ${LOGIN_TTL_MINUTES})`,
    );
  }

  // A login's state can be used once, within 10 minutes.
  async takeLogin(state: string): Promise<{
    state: string;
    nonce: string;
    codeVerifier: string;
    audience: EidAudience;
    returnTo: string;
  } | null> {
    const [rows] = (await this.dataSource.query(
      `DELETE FROM eid_logins WHERE state = $1 AND created_at > clock_timestamp() - make_interval(mins => ${LOGIN_TTL_MINUTES})
       RETURNING state, nonce, code_verifier AS "codeVerifier", audience, return_to AS "returnTo"`,
      [state],
    )) as [
      { state: string; nonce: string; codeVerifier: string; audience: EidAudience; returnTo: string }[],
      number,
    ];
    return rows[0] ?? null;
  }

  // Maps the ID token's NemLog-in claims to who may do what here, or refuses the login.
  async principalFromClaims(
    audience: EidAudience,
    claims: Record<string, unknown>,
  ): Promise<Omit<SessionPrincipal, 'csrfToken'>> {
    const text = (name: string): string | null => {
      const v = claims[name];
      return typeof v === 'string' && v.length > 0 ? v : null;
    };
    const loa = text(EidClaims.loa) as EidLoa | null;
    if (!loa || !EID_LOA_LEVELS.includes(loa))
      throw new LoginRefused('LOA_MISSING', 'the login carries no NSIS level of assurance');
    if (EID_LOA_LEVELS.indexOf(loa) < EID_LOA_LEVELS.indexOf(this.settings.minimumLoa))
      throw new LoginRefused(
        'LOA_TOO_LOW',
        `NemKonto needs a login at level ${this.settings.minimumLoa} or higher`,
      );
    const displayName = text(EidClaims.fullName) ?? '';
    const sub = text('sub') ?? '';
    const cvr = text(EidClaims.professionalCvr);
    const employee = text(EidClaims.professionalUuid) ?? sub;
    switch (audience) {
      case 'citizen': {
        const cpr = text(EidClaims.cprNumber);
        if (!cpr || !Cpr.isValid(cpr) || cvr)
          throw new LoginRefused('NOT_A_PERSON', 'log in with a private MitID to manage your own NemKonto');
        return {
          role: 'CITIZEN',
          actor: `eid:${sub}`,
          party: { kind: 'CPR', value: cpr },
          authorityId: null,
          displayName,
          loa,
        };
      }
      case 'business': {
        if (!cvr || !Cvr.tryParse(cvr).ok)
          throw new LoginRefused(
            'NOT_A_BUSINESS',
            'log in with MitID Erhverv to manage a business’s NemKonto',
          );
        return {
          role: 'CITIZEN',
          actor: `eid:${employee}`,
          party: { kind: 'CVR', value: cvr },
          authorityId: null,
          displayName,
          loa,
        };
      }
      case 'caseworker': {
        const [authority] = (
          cvr
            ? await this.dataSource.query(`SELECT authority_id FROM channel_authorities WHERE cvr = $1`, [
                cvr,
              ])
            : []
        ) as { authority_id: string }[];
        if (!authority)
          throw new LoginRefused(
            'NOT_A_CASEWORKER',
            'the login’s organisation is not an authority connected to NemKonto',
          );
        return {
          role: 'CASEWORKER',
          actor: `caseworker:${authority.authority_id}:${employee}`,
          party: null,
          authorityId: authority.authority_id,
          displayName,
          loa,
        };
      }
      case 'operator':
        if (cvr !== this.settings.operatorCvr)
          throw new LoginRefused('NOT_AN_OPERATOR', 'operators log in as employees of the NemKonto office');
        return {
          role: 'OPERATOR',
          actor: `operator:${employee}`,
          party: null,
          authorityId: null,
          displayName,
          loa,
        };
    }
  }

  async create(
    principal: Omit<SessionPrincipal, 'csrfToken'>,
    now: Date,
  ): Promise<{ cookie: string; csrfToken: string }> {
    const cookie = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO eid_sessions (session_sha256, role, subject, party_kind, party_id, authority_id, display_name, loa, csrf_token, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        sha256(cookie),
        principal.role,
        principal.actor,
        principal.party?.kind ?? null,
        principal.party?.value ?? null,
        principal.authorityId,
        principal.displayName,
        principal.loa,
        csrfToken,
        now,
        new Date(now.getTime() + this.settings.sessionMinutes * 60_000),
      ],
    );
    await this.dataSource.query(`DELETE FROM eid_sessions WHERE expires_at < $1`, [now]);
    return { cookie, csrfToken };
  }

  async find(cookie: string, now: Date): Promise<SessionPrincipal | null> {
    const [row] = (await this.dataSource.query(
      `SELECT role, subject, party_kind, party_id, authority_id, display_name, loa, csrf_token
         FROM eid_sessions WHERE session_sha256 = $1 AND expires_at > $2`,
      [sha256(cookie), now],
    )) as {
      role: SessionPrincipal['role'];
      subject: string;
      party_kind: PartyKey['kind'] | null;
      party_id: string | null;
      authority_id: string | null;
      display_name: string;
      loa: EidLoa;
      csrf_token: string;
    }[];
    if (!row) return null;
    return {
      role: row.role,
      actor: row.subject,
      party: row.party_kind && row.party_id ? { kind: row.party_kind, value: row.party_id } : null,
      authorityId: row.authority_id,
      displayName: row.display_name,
      loa: row.loa,
      csrfToken: row.csrf_token,
    };
  }

  async end(cookie: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM eid_sessions WHERE session_sha256 = $1`, [sha256(cookie)]);
  }
}

// The session cookie from a Cookie header.
export const SESSION_COOKIE = 'nk_session';
export function sessionCookieOf(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      const v = value.join('=');
      return /^[A-Za-z0-9_-]{43}$/.test(v) ? v : null;
    }
  }
  return null;
}
