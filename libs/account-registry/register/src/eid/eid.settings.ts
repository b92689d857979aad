import { EID_LOA_LEVELS, EidLoa } from '@nemkonto/contracts';

// How the registry logs people in through the eID broker (OpenID Connect).
export interface EidSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  // Where the eID provider sends the browser back (the registry's /eid/callback).
  readonly redirectUri: string;
  // The CVR whose employees are NemKonto operators (Digitaliseringsstyrelsen).
  readonly operatorCvr: string;
  readonly sessionMinutes: number;
  readonly cookieSecure: boolean;
  // Below this NSIS level of assurance a login is refused (NemKonto changes need Substantial).
  readonly minimumLoa: EidLoa;
}

export const EID_SETTINGS = Symbol('EID_SETTINGS');

export const DEV_EID_CLIENT_SECRET = 'development-only-registry-client-secret';

export function eidSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): EidSettings {
  const production = env['NODE_ENV'] === 'production';
  const clientSecret = env['NK_EID_CLIENT_SECRET'] || DEV_EID_CLIENT_SECRET;
  if (production && clientSecret === DEV_EID_CLIENT_SECRET)
    throw new Error('NK_EID_CLIENT_SECRET must be set in production');
  const minutes = Number(env['NK_REGISTRY_SESSION_MINUTES'] ?? 30);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 720)
    throw new Error('NK_REGISTRY_SESSION_MINUTES must be a whole number 1-720');
  const loa = (env['NK_EID_MINIMUM_LOA'] ?? 'Substantial') as EidLoa;
  if (!EID_LOA_LEVELS.includes(loa))
    throw new Error(`NK_EID_MINIMUM_LOA must be one of ${EID_LOA_LEVELS.join(', ')}`);
  const url = (name: string, fallback: string): string => {
    const v = env[name] || fallback;
    try {
      return new URL(v).toString().replace(/\/$/, '');
    } catch {
      throw new Error(`${name} must be a URL`);
    }
  };
  return {
    issuer: url('NK_EID_ISSUER', 'http://127.0.0.1:3010'),
    clientId: env['NK_EID_CLIENT_ID'] || 'nemkonto-registry',
    clientSecret,
    redirectUri: url('NK_EID_REDIRECT_URI', 'http://127.0.0.1:3001/eid/callback'),
    operatorCvr: env['NK_REGISTRY_OPERATOR_CVR'] || '34051178',
    sessionMinutes: minutes,
    cookieSecure: (env['NK_REGISTRY_COOKIE_SECURE'] ?? (production ? 'true' : 'false')) === 'true',
    minimumLoa: loa,
  };
}
