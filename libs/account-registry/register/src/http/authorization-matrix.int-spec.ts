// The authorisation matrix: every operation in the registry's OpenAPI document, called by every
// kind of caller (anonymous, a forged credential, and each role with a real credential). Every
// denial is asserted (401 without valid credentials, 403 for the wrong role), and every allowed
// role gets past the guard. An endpoint added without an entry here fails the first test.
import { EidTestSession, eidTestLogin } from '@nemkonto/testing';
import { Role } from './registry-auth.guard';
import {
  RegistryTestSystem,
  TEST_TOKENS,
  startRegistryTestSystem,
} from '../integration/registry-test-system';

jest.setTimeout(180_000);

const PUBLIC = 'PUBLIC' as const;
const MATRIX: Record<string, readonly Role[] | typeof PUBLIC> = {
  'GET /health/live': PUBLIC,
  'GET /health/ready': PUBLIC,
  'GET /metrics': PUBLIC,
  'GET /eid/login': PUBLIC,
  'GET /eid/callback': PUBLIC,
  'GET /eid/session': PUBLIC,
  'POST /eid/logout': PUBLIC,
  'POST /bank/nemkonti': ['BANK'],
  'POST /bank/nemkonti/close': ['BANK'],
  'POST /bank/nemkonti/bulk': ['BANK'],
  'POST /authority/nemkonti': ['AUTHORITY', 'CASEWORKER'],
  'POST /authority/benefit-accounts': ['AUTHORITY', 'CASEWORKER'],
  'GET /authority/control-list': ['AUTHORITY', 'CASEWORKER'],
  'POST /lookups': ['AUTHORITY', 'CASEWORKER'],
  'POST /lookups/batch': ['AUTHORITY', 'CASEWORKER'],
  'GET /self-service/overview': ['CITIZEN'],
  'POST /self-service/nemkonto': ['CITIZEN'],
  'POST /self-service/activation': ['CITIZEN'],
  'POST /self-service/benefit-accounts': ['CITIZEN'],
  'POST /self-service/benefit-accounts/remove': ['CITIZEN'],
  'POST /self-service/private-payers/opt-out': ['CITIZEN'],
  'POST /private-payers/lookups': ['PRIVATE_PAYER'],
  'POST /operator/private-payers': ['OPERATOR'],
  'GET /operator/private-payers/usage': ['OPERATOR'],
  'POST /operator/parties/inspect': ['OPERATOR'],
  'POST /operator/parties/search': ['OPERATOR'],
  'GET /operator/change-log/verification': ['OPERATOR'],
  'POST /operator/replay': ['OPERATOR'],
};

type Caller = { readonly name: string; readonly role: Role } & (
  { readonly token: string } | { readonly session: () => EidTestSession }
);

describe('the registry’s authorisation matrix (real processes)', () => {
  let system: RegistryTestSystem;
  const sessions = new Map<string, EidTestSession>();
  let operations: string[] = [];

  const callers: Caller[] = [
    { name: 'bank', role: 'BANK', token: TEST_TOKENS.danske },
    { name: 'authority', role: 'AUTHORITY', token: TEST_TOKENS.udk },
    { name: 'private payer', role: 'PRIVATE_PAYER', token: TEST_TOKENS.payer },
    { name: 'caseworker', role: 'CASEWORKER', session: () => sessions.get('caseworker') as EidTestSession },
    { name: 'citizen', role: 'CITIZEN', session: () => sessions.get('citizen') as EidTestSession },
    { name: 'business', role: 'CITIZEN', session: () => sessions.get('business') as EidTestSession },
    { name: 'operator (token)', role: 'OPERATOR', token: TEST_TOKENS.operator },
    { name: 'operator (eID)', role: 'OPERATOR', session: () => sessions.get('operator') as EidTestSession },
  ];

  const send = (op: string, auth: Parameters<RegistryTestSystem['call']>[2]) => {
    const [method = 'GET', path = '/'] = op.split(' ');
    // Private payers name the end user they act for (its absence is a 400, after the guard).
    const headers = { 'x-nemkonto-end-user': 'matrix-test', ...auth.headers };
    return system.call(method, path, { ...auth, headers }, method === 'GET' ? undefined : {});
  };

  beforeAll(async () => {
    system = await startRegistryTestSystem('authmatrix');
    const url = system.registry.url;
    sessions.set('citizen', await eidTestLogin(url, 'anna', 'citizen'));
    sessions.set('business', await eidTestLogin(url, 'firma', 'business'));
    sessions.set('caseworker', await eidTestLogin(url, 'sagsbehandler', 'caseworker'));
    sessions.set('operator', await eidTestLogin(url, 'operatoer', 'operator'));
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
  });

  afterAll(async () => {
    await system?.close();
  });

  it('has an entry for every operation the OpenAPI document lists', () => {
    const documented = operations.filter((op) => !op.startsWith('GET /health') && op !== 'GET /metrics');
    expect(documented.length).toBeGreaterThan(15);
    expect(documented.filter((op) => !(op in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((op) => MATRIX[op] !== PUBLIC && !documented.includes(op))).toEqual([]);
  });

  const protectedOps = Object.entries(MATRIX).filter((e): e is [string, readonly Role[]] => e[1] !== PUBLIC);

  it.each(protectedOps)(
    '%s: 401 without credentials, with a forged token and with a forged session',
    async (op) => {
      expect((await send(op, {})).status).toBe(401);
      expect((await send(op, { token: 'not-a-real-token-0123456789' })).status).toBe(401);
      expect((await send(op, { headers: { authorization: 'Basic dXNlcjpwYXNz' } })).status).toBe(401);
      const forged = { cookie: `nk_session=${'A'.repeat(43)}`, csrfToken: 'x', role: 'CITIZEN' };
      expect((await send(op, { session: forged })).status).toBe(401);
    },
  );

  it.each(protectedOps)(
    '%s: 403 for every role not allowed, past the guard for those allowed',
    async (op, allowed) => {
      const seen: Record<string, number> = {};
      for (const caller of callers) {
        const auth = 'token' in caller ? { token: caller.token } : { session: caller.session() };
        seen[caller.name] = (await send(op, auth)).status;
      }
      const expected = Object.fromEntries(
        callers.map((c) => [c.name, allowed.includes(c.role) ? 'allowed' : 403]),
      );
      const actual = Object.fromEntries(
        Object.entries(seen).map(([name, status]) => [
          name,
          status === 401 || status === 403 ? status : 'allowed',
        ]),
      );
      expect(actual).toEqual(expected);
    },
  );

  it('refuses a logged-in change without the CSRF token, whatever the endpoint', async () => {
    for (const [op, allowed] of protectedOps) {
      if (
        op.startsWith('GET ') ||
        !allowed.some((r) => r === 'CITIZEN' || r === 'CASEWORKER' || r === 'OPERATOR')
      )
        continue;
      const name = allowed.includes('CITIZEN')
        ? 'citizen'
        : allowed.includes('CASEWORKER')
          ? 'caseworker'
          : 'operator';
      const res = await send(op, { session: sessions.get(name), csrf: false });
      expect([op, res.status, res.body['code']]).toEqual([op, 403, 'CSRF']);
    }
  });
});
