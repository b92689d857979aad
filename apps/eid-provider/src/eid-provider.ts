import { EidClaims } from '@nemkonto/contracts';
import { randomBytes } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import Provider, { ClientMetadata, Configuration } from 'oidc-provider';
import { loginPage } from './login-page';
import { TEST_USERS, TestUser, claimsOf } from './test-users';

export interface EidProviderOptions {
  // The issuer URL; the server listens on its port.
  readonly issuer: string;
  readonly clients: readonly ClientMetadata[];
  readonly users?: readonly TestUser[];
}

const readForm = async (req: IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 4096) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

// A development OpenID Connect provider standing in for MitID/NemLog-in: authorization code
// flow with PKCE, ID tokens carrying NemLog-in's attribute names, and a login page with test
// users. Built on oidc-provider (certified OpenID implementation); only the login step is ours.
export function createEidProvider(options: EidProviderOptions): { provider: Provider; server: Server } {
  const users = options.users ?? TEST_USERS;
  const byId = new Map(users.map((u) => [u.id, u]));
  const configuration: Configuration = {
    clients: [...options.clients],
    claims: { openid: ['sub'], nemlogin: Object.values(EidClaims) },
    scopes: ['openid', 'nemlogin'],
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    ttl: { Session: 30 * 60, Interaction: 10 * 60, Grant: 30 * 60, AccessToken: 10 * 60, IdToken: 10 * 60 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => {
      const user = byId.get(id);
      if (!user) return undefined;
      return { accountId: id, claims: () => ({ sub: id, ...claimsOf(user) }) };
    },
    // First-party clients only: the login is the consent.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session?.accountId;
      const clientId = ctx.oidc.client?.clientId;
      if (!accountId || !clientId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId });
      grant.addOIDCScope('openid nemlogin');
      grant.addOIDCClaims(Object.values(EidClaims));
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(options.issuer, configuration);
  const oidc = provider.callback();

  const interaction = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const [, uid, action] = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(path) ?? [];
    if (!uid) {
      res.writeHead(404).end();
      return;
    }
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET' && !action) {
      const client = await provider.Client.find(String(details.params['client_id'] ?? ''));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(loginPage(uid, client?.clientName ?? 'NemKonto', users));
      return;
    }
    if (req.method === 'POST' && action === 'login') {
      const user = (await readForm(req)).get('user') ?? '';
      if (!byId.has(user)) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('unknown test user');
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (req.method === 'POST' && action === 'abort') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'the user cancelled the login' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    res.writeHead(405).end();
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', options.issuer).pathname;
    if (path === '/health' || path === '/health/live' || path === '/health/ready') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path.startsWith('/interaction/')) {
      interaction(req, res, path).catch((err: unknown) => {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(`login failed: ${(err as Error).message}`);
      });
      return;
    }
    void oidc(req, res);
  });
  return { provider, server };
}
