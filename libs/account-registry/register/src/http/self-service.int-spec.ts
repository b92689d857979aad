// People in a browser, end to end: the development eID provider and the registry as real
// processes, logins driven as a browser would (redirects, cookies, the login page), then
// citizens' self-service with activation, a business, a caseworker with the control list, an
// operator's audited inspection, and the logins the registry must refuse.
import { RegistryLetterRequestedV1 } from '@nemkonto/contracts';
import { eidTestLogin, eidTestLoginOutcome } from '@nemkonto/testing';
import { DataSource } from 'typeorm';
import {
  CallAuth,
  CallResult,
  RegistryTestSystem,
  TEST_TOKENS,
  startRegistryTestSystem,
} from '../integration/registry-test-system';

jest.setTimeout(120_000);

const TOKENS = TEST_TOKENS;
const ANNA = '0101801234';
const FIRMA = '31415926';

describe('self-service, caseworkers and operators after an eID login (real processes)', () => {
  let system: RegistryTestSystem;
  let ds: DataSource;
  let registry: RegistryTestSystem['registry'];
  const call = (method: string, path: string, auth: CallAuth, body?: unknown): Promise<CallResult> =>
    system.call(method, path, auth, body);
  const lastCode = async (partyId: string): Promise<string> => {
    const rows = (await ds.query(
      `SELECT body FROM outbox WHERE message_type = 'registry.letter-requested' ORDER BY created_at DESC`,
    )) as { body: Buffer }[];
    const letter = rows
      .map((r) => (JSON.parse(r.body.toString()) as { payload: RegistryLetterRequestedV1 }).payload)
      .find((l) => l.party.value === partyId && l.template === 'ACTIVATION');
    return letter?.activationCode ?? '';
  };
  const lookup = async (party: string): Promise<unknown> =>
    (await call('POST', '/lookups', { token: TOKENS.udk }, { party: { kind: 'CPR', value: party } })).body;

  beforeAll(async () => {
    system = await startRegistryTestSystem('selfservice');
    ds = system.ds;
    registry = system.registry;
  });

  afterAll(async () => {
    await system?.close();
  });

  it('lets a citizen assign a NemKonto that takes effect only with the letter’s code', async () => {
    await call(
      'POST',
      '/bank/nemkonti',
      { token: TOKENS.danske },
      {
        party: { kind: 'CPR', value: ANNA },
        account: { kind: 'DK', regNo: '3001', accountNo: '1111111111' },
      },
    );
    const anna = await eidTestLogin(registry.url, 'anna', 'citizen');
    expect(anna.role).toBe('CITIZEN');
    const newAccount = { kind: 'DK', regNo: '9570', accountNo: '2222222222' };
    // A change without the CSRF token is refused (another site could send the cookie).
    expect(
      await call('POST', '/self-service/nemkonto', { session: anna, csrf: false }, { account: newAccount }),
    ).toMatchObject({ status: 403, body: { code: 'CSRF' } });
    expect(
      await call('POST', '/self-service/nemkonto', { session: anna }, { account: newAccount }),
    ).toMatchObject({
      status: 200,
      body: { ok: true, state: 'PENDING' },
    });
    expect(await lookup(ANNA)).toMatchObject({ found: true, account: { accountNo: '1111111111' } });
    const overview = await call('GET', '/self-service/overview', { session: anna });
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({
      party: { kind: 'CPR' },
      nemkontoInForce: { account: { accountNo: '1111111111' } },
      pending: [{ account: newAccount, state: 'PENDING' }],
      letters: [{ template: 'ACTIVATION' }],
    });
    // The party's number is never in the answer: the holder knows it, and pages get logged.
    expect(overview.text).not.toContain(ANNA);

    const code = await lastCode(ANNA);
    const wrong = code === '12345678' ? '87654321' : '12345678';
    expect(await call('POST', '/self-service/activation', { session: anna }, { code: wrong })).toMatchObject({
      status: 422,
      body: { code: 'WRONG_CODE', attemptsLeft: 4 },
    });
    expect(await call('POST', '/self-service/activation', { session: anna }, { code: 'abc' })).toMatchObject({
      status: 400,
      body: { code: 'ACTIVATION_CODE_FORMAT' },
    });
    expect(await call('POST', '/self-service/activation', { session: anna }, { code })).toMatchObject({
      status: 200,
      body: { ok: true, purpose: 'NEMKONTO' },
    });
    expect(await lookup(ANNA)).toMatchObject({ found: true, account: { accountNo: '2222222222' } });
    const after = await call('GET', '/self-service/overview', { session: anna });
    expect((after.body['changes'] as { action: string; channel: string }[]).map((c) => c.action)).toEqual([
      'ASSIGN_NEMKONTO',
      'ASSIGN_NEMKONTO',
      'ACTIVATE_NEMKONTO',
    ]);
  });

  it('lets a caseworker assign with a reason and create a benefit-specific account, listed in the control list', async () => {
    const peter = await eidTestLogin(registry.url, 'sagsbehandler', 'caseworker');
    expect(peter.role).toBe('CASEWORKER');
    const mads = { kind: 'CPR', value: '1203751231' };
    expect(
      await call(
        'POST',
        '/authority/nemkonti',
        { session: peter },
        {
          party: mads,
          account: { kind: 'DK', regNo: '3001', accountNo: '3333333333' },
          reason: 'phoned in, case 42',
        },
      ),
    ).toMatchObject({ status: 200, body: { state: 'PENDING' } });
    expect(
      await call(
        'POST',
        '/authority/benefit-accounts',
        { session: peter },
        {
          party: mads,
          benefitType: 'BOERNEYDELSE',
          account: { kind: 'DK', regNo: '3001', accountNo: '4444444444' },
          reason: 'the holder asked for it',
        },
      ),
    ).toMatchObject({ status: 200, body: { state: 'PENDING' } });
    const today = new Date().toISOString().slice(0, 10);
    const csv = await call('GET', `/authority/control-list?from=2020-01-01&to=${today}`, { session: peter });
    expect(csv.status).toBe(200);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,party_kind,party_id,action,channel,actor,reason,after');
    expect(lines.slice(1).map((l) => l.split('","')[4])).toEqual([
      'ASSIGN_NEMKONTO',
      'ASSIGN_BENEFIT_SPECIFIC',
    ]);
    expect(lines[1]).toContain(
      '"CASEWORKER","caseworker:UDK:0c6a7f5e-8d1b-4e2a-b3c4-d5e6f7a8b9c0","phoned in, case 42"',
    );
    // The authority's system sees its caseworkers' changes in the same list.
    const json = await call('GET', `/authority/control-list?from=2020-01-01&to=${today}&format=json`, {
      token: TOKENS.udk,
    });
    expect((json.body['changes'] as unknown[]).length).toBe(2);
    expect(
      await call('GET', '/authority/control-list?from=2026-02-01&to=2026-01-01', { token: TOKENS.udk }),
    ).toMatchObject({ status: 400, body: { code: 'PERIOD' } });

    // The holder removes the benefit-specific account the caseworker made for them.
    const madsSession = await eidTestLogin(registry.url, 'mads', 'citizen');
    const benefit = { authorityId: 'UDK', benefitType: 'BOERNEYDELSE' };
    expect(
      await call(
        'POST',
        '/self-service/benefit-accounts/remove',
        { session: madsSession },
        { ...benefit, benefitType: 'SU' },
      ),
    ).toMatchObject({ status: 404, body: { code: 'NO_SUCH_BENEFIT_ACCOUNT' } });
    expect(
      await call('POST', '/self-service/benefit-accounts/remove', { session: madsSession }, benefit),
    ).toMatchObject({
      status: 200,
      body: { state: 'CLOSED' },
    });
  });

  it('gives a business its own overview under its CVR number', async () => {
    await call(
      'POST',
      '/bank/nemkonti',
      { token: TOKENS.danske },
      {
        party: { kind: 'CVR', value: FIRMA },
        account: { kind: 'DK', regNo: '3100', accountNo: '5555555555' },
      },
    );
    const karen = await eidTestLogin(registry.url, 'firma', 'business');
    expect(await call('GET', '/self-service/overview', { session: karen })).toMatchObject({
      status: 200,
      body: { party: { kind: 'CVR' }, nemkontoInForce: { account: { accountNo: '5555555555' } } },
    });
  });

  it('audits an operator’s inspection and search with the operator’s identity and reason', async () => {
    const ida = await eidTestLogin(registry.url, 'operatoer', 'operator');
    expect(
      await call(
        'POST',
        '/operator/parties/inspect',
        { session: ida },
        { party: { kind: 'CPR', value: ANNA } },
      ),
    ).toMatchObject({ status: 400, body: { code: 'FIELD_MISSING', field: 'reason' } });
    const inspected = await call(
      'POST',
      '/operator/parties/inspect',
      { session: ida },
      { party: { kind: 'CPR', value: ANNA }, reason: 'support case 7' },
    );
    expect(inspected).toMatchObject({
      status: 200,
      body: { nemkontoInForce: { account: { accountNo: '2222222222' } } },
    });
    const found = await call(
      'POST',
      '/operator/parties/search',
      { token: 'operator-token-0123456789abcdef' },
      { account: { kind: 'DK', regNo: '9570', accountNo: '2222222222' }, reason: 'fraud report 9' },
    );
    expect(found).toMatchObject({
      status: 200,
      body: { hits: [{ party: { kind: 'CPR', value: ANNA }, state: 'ACTIVE' }] },
    });
    const audit = (await ds.query(
      `SELECT actor, purpose, outcome FROM lookup_audit WHERE channel = 'OPERATOR' ORDER BY id`,
    )) as { actor: string; purpose: string; outcome: string }[];
    expect(audit).toEqual([
      {
        actor: 'operator:9f8e7d6c-5b4a-4392-8172-6a5b4c3d2e1f',
        purpose: 'support case 7',
        outcome: 'INSPECTED',
      },
      { actor: 'operator:token', purpose: 'fraud report 9', outcome: 'FOUND_BY_ACCOUNT' },
    ]);
  });

  it('refuses logins that do not fit: too low an assurance, the wrong kind of eID, an unknown organisation', async () => {
    expect(await eidTestLoginOutcome(registry.url, 'low', 'citizen')).toMatchObject({
      cookie: null,
      status: 403,
    });
    expect((await eidTestLoginOutcome(registry.url, 'low', 'citizen')).body).toContain('LOA_TOO_LOW');
    expect((await eidTestLoginOutcome(registry.url, 'sagsbehandler', 'citizen')).body).toContain(
      'NOT_A_PERSON',
    );
    expect((await eidTestLoginOutcome(registry.url, 'firma', 'caseworker')).body).toContain(
      'NOT_A_CASEWORKER',
    );
    expect((await eidTestLoginOutcome(registry.url, 'anna', 'operator')).body).toContain('NOT_AN_OPERATOR');
    const res = await fetch(`${registry.url}/eid/callback?state=forged&code=x`);
    expect(res.status).toBe(400);
  });

  it('shows a citizen which private payers looked them up, and honours the opt-out', async () => {
    const payer = (party: string) =>
      call(
        'POST',
        '/private-payers/lookups',
        { token: TOKENS.payer, headers: { 'x-nemkonto-end-user': 'clerk-1' } },
        { party: { kind: 'CPR', value: party } },
      );
    expect(await payer(ANNA)).toMatchObject({ status: 200, body: { found: true } });
    const anna = await eidTestLogin(registry.url, 'anna', 'citizen');
    const before = await call('GET', '/self-service/overview', { session: anna });
    expect(before.body).toMatchObject({
      privatePayerLookups: [{ payerId: 'LOENSERVICE', payerName: 'Lønservice A/S', outcome: 'FOUND' }],
      privatePayerOptOut: { optedOut: false },
    });
    expect(
      await call('POST', '/self-service/private-payers/opt-out', { session: anna }, { optOut: 'yes' }),
    ).toMatchObject({
      status: 400,
      body: { code: 'OPT_OUT_FORMAT' },
    });
    expect(
      await call('POST', '/self-service/private-payers/opt-out', { session: anna }, { optOut: true }),
    ).toMatchObject({
      status: 200,
      body: { optedOut: true, changed: true, channel: 'SELF_SERVICE' },
    });
    expect(await payer(ANNA)).toMatchObject({ status: 200, body: { found: false, code: 'OPTED_OUT' } });
    const after = await call('GET', '/self-service/overview', { session: anna });
    expect((after.body['privatePayerLookups'] as { outcome: string }[]).map((l) => l.outcome)).toEqual([
      'OPTED_OUT',
      'FOUND',
    ]);
    expect(
      await call('POST', '/self-service/private-payers/opt-out', { session: anna }, { optOut: false }),
    ).toMatchObject({
      status: 200,
      body: { optedOut: false, changed: true },
    });
  });

  it('serves the browser pages with a content security policy that allows only their own script', async () => {
    const page = await fetch(`${registry.url}/ui/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="/ui/app.js"');
    const script = await fetch(`${registry.url}/ui/app.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain('/self-service/overview');
  });

  it('ends a session at logout, and a citizen session cannot reach other roles’ endpoints', async () => {
    const anna = await eidTestLogin(registry.url, 'anna', 'citizen');
    expect(
      (await call('POST', '/lookups', { session: anna }, { party: { kind: 'CPR', value: ANNA } })).status,
    ).toBe(403);
    expect((await call('POST', '/operator/parties/inspect', { session: anna }, {})).status).toBe(403);
    const out = await fetch(`${registry.url}/eid/logout`, {
      method: 'POST',
      headers: { cookie: anna.cookie },
    });
    expect(out.status).toBe(204);
    expect((await call('GET', '/self-service/overview', { session: anna })).status).toBe(401);
  });
});
