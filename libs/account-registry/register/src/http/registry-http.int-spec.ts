// The registry as a process over HTTP: every endpoint authenticated, the authorisation matrix
// (with a test for every denial), validation that never echoes a CPR number, read-your-writes,
// events through the outbox, bulk with per-item results, the operator endpoints, and the
// OpenAPI document served.
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import {
  IntegrationContext,
  JsonCallResult,
  callJson,
  createIntegrationContext,
  expectEventually,
  openMigratedDataSource,
  testPort,
} from '@nemkonto/testing';
import { connect } from 'amqplib';
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { REGISTRY_MIGRATIONS } from '../migrations/registry-migrations';

jest.setTimeout(90_000);

const root = join(__dirname, '..', '..', '..', '..', '..');
const sha = (t: string): string => createHash('sha256').update(t).digest('hex');
const TOKENS = {
  danske: 'danske-bank-token-0123456789',
  nordea: 'nordea-bank-token-0123456789',
  udk: 'udk-authority-token-0123456789',
  operator: 'operator-token-0123456789abcdef',
};
const CPR = '0101701234';

describe('account-registry over HTTP (a real process)', () => {
  let infra: IntegrationContext;
  let ds: DataSource;
  let child: ChildProcess;
  const port = testPort();
  const events: { partyVersion: number; nemkonto: unknown[] }[] = [];
  let closeTap: () => Promise<void> = async () => undefined;

  const call = (
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
  ): Promise<JsonCallResult> =>
    callJson(
      `http://127.0.0.1:${port}${path}`,
      method,
      token ? { authorization: `Bearer ${token}` } : {},
      body,
    );

  beforeAll(async () => {
    infra = await createIntegrationContext('registryhttp');
    ds = await openMigratedDataSource(infra, [OutboxInbox1764000000000, ...REGISTRY_MIGRATIONS]);
    await ds.query(
      `INSERT INTO channel_banks VALUES ('DANSKE', 'Danske Bank', 'DABADKKK', $1), ('NORDEA', 'Nordea', 'NDEADKKK', $2)`,
      [sha(TOKENS.danske), sha(TOKENS.nordea)],
    );
    await ds.query(
      `INSERT INTO channel_bank_reg_ranges VALUES ('DANSKE', 3000, 3999), ('NORDEA', 2000, 2999)`,
    );
    await ds.query(
      `INSERT INTO channel_authorities VALUES ('UDK', 'Udbetaling Danmark', $1, '{BOERNEYDELSE}')`,
      [sha(TOKENS.udk)],
    );
    child = spawn(process.execPath, ['-r', './tools/register.js', 'apps/account-registry/src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NK_HTTP_PORT: String(port),
        NK_DB_URL: infra.dbUrl,
        NK_DB_SCHEMA: infra.schema,
        NK_AMQP_URL: infra.amqpUrl,
        NK_LOG_LEVEL: 'warn',
        NK_OPERATOR_TOKEN_SHA256: sha(TOKENS.operator),
        NK_OUTBOX_POLL_MS: '50',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await expectEventually(
      async () => expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200),
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    const conn = await connect(infra.amqpUrl);
    const ch = await conn.createChannel();
    const q = await ch.assertQueue('', { exclusive: true });
    await ch.bindQueue(q.queue, 'nemkonto.registry', 'registry.account-changed');
    await ch.consume(
      q.queue,
      (m) =>
        m && events.push((JSON.parse(m.content.toString()) as { payload: (typeof events)[number] }).payload),
      { noAck: true },
    );
    closeTap = () => conn.close();
  });

  afterAll(async () => {
    await closeTap();
    child?.kill('SIGTERM');
    await new Promise((r) => (child?.exitCode !== null ? r(null) : child.once('exit', r)));
    await ds?.destroy();
    await infra?.dispose();
  });

  const assign = {
    party: { kind: 'CPR', value: CPR },
    account: { kind: 'DK', regNo: '3001', accountNo: '12345678' },
  };

  it('registers a NemKonto from the bank, answers the next lookup with it, and publishes the change', async () => {
    const r = await call('POST', '/bank/nemkonti', TOKENS.danske, assign);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, state: 'ACTIVE', partyVersion: 1 });
    const l = await call('POST', '/lookups', TOKENS.udk, { party: { kind: 'CPR', value: CPR } });
    expect(l.body).toMatchObject({
      found: true,
      source: 'NEMKONTO',
      account: { regNo: '3001', accountNo: '0012345678' },
    });
    await expectEventually(async () => expect(events.some((e) => e.partyVersion === 1)).toBe(true));
  });

  it.each([
    ['POST', '/bank/nemkonti'],
    ['POST', '/bank/nemkonti/close'],
    ['POST', '/bank/nemkonti/bulk'],
    ['POST', '/authority/nemkonti'],
    ['POST', '/authority/benefit-accounts'],
    ['POST', '/lookups'],
    ['POST', '/lookups/batch'],
    ['GET', '/operator/change-log/verification'],
    ['POST', '/operator/replay'],
  ])('refuses %s %s without a token (401) and with an unknown one (401)', async (method, path) => {
    expect((await call(method, path, null, {})).status).toBe(401);
    expect((await call(method, path, 'not-a-known-token-at-all', {})).status).toBe(401);
  });

  it.each([
    ['an authority', 'POST', '/bank/nemkonti', TOKENS.udk],
    ['an authority', 'POST', '/bank/nemkonti/close', TOKENS.udk],
    ['an authority', 'POST', '/bank/nemkonti/bulk', TOKENS.udk],
    ['a bank', 'POST', '/authority/nemkonti', TOKENS.danske],
    ['a bank', 'POST', '/authority/benefit-accounts', TOKENS.danske],
    ['a bank', 'POST', '/lookups', TOKENS.danske],
    ['a bank', 'POST', '/lookups/batch', TOKENS.danske],
  ])('refuses %s on %s %s (403)', async (_, method, path, token) => {
    expect((await call(method, path, token, assign)).status).toBe(403);
  });

  it.each([
    ['a bank', TOKENS.danske],
    ['an authority', TOKENS.udk],
  ])('refuses %s on the operator endpoints (403)', async (_, token) => {
    expect((await call('GET', '/operator/change-log/verification', token)).status).toBe(403);
    expect((await call('POST', '/operator/replay', token)).status).toBe(403);
  });

  it("refuses a bank an account outside its reg.nr ranges, and closing another bank's NemKonto", async () => {
    const r = await call('POST', '/bank/nemkonti', TOKENS.nordea, assign);
    expect(r.status).toBe(403);
    expect(r.body['code']).toBe('NOT_THIS_BANK');
    expect((await call('POST', '/bank/nemkonti/close', TOKENS.nordea, { party: assign.party })).status).toBe(
      403,
    );
  });

  it('refuses an authority a benefit type it does not pay (403), and takes its own as pending', async () => {
    const other = { ...assign, benefitType: 'FOLKEPENSION', reason: 'asked by the holder' };
    expect((await call('POST', '/authority/benefit-accounts', TOKENS.udk, other)).status).toBe(403);
    const own = await call('POST', '/authority/benefit-accounts', TOKENS.udk, {
      ...other,
      benefitType: 'BOERNEYDELSE',
    });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ state: 'PENDING' });
  });

  it('answers bad input with a specific code and never repeats the CPR number', async () => {
    const bad = await call('POST', '/bank/nemkonti', TOKENS.danske, {
      ...assign,
      party: { kind: 'CPR', value: '3213701234' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body['code']).toBe('CPR_DATE');
    expect(bad.text).not.toContain('3213701234');
    const reg = await call('POST', '/bank/nemkonti', TOKENS.danske, {
      ...assign,
      account: { kind: 'DK', regNo: '30', accountNo: '1' },
    });
    expect(reg.body).toMatchObject({ code: 'REG_NO_FORMAT', field: 'account' });
    expect(
      (await call('POST', '/lookups', TOKENS.udk, { party: { kind: 'CPR', value: CPR }, date: '2026-02-30' }))
        .body['code'],
    ).toBe('DATE_FORMAT');
  });

  it('answers a stale expectedVersion with 409', async () => {
    const r = await call('POST', '/bank/nemkonti', TOKENS.danske, {
      ...assign,
      account: { kind: 'DK', regNo: '3001', accountNo: '999' },
      expectedVersion: 0,
    });
    expect(r.status).toBe(409);
    expect(r.body['code']).toBe('VERSION_CONFLICT');
  });

  it('takes a bulk registration with a result per item, refusing only the items the bank may not make', async () => {
    const items = [
      { party: { kind: 'CPR', value: '0202702345' }, account: { kind: 'DK', regNo: '3100', accountNo: '1' } },
      { party: { kind: 'CPR', value: '0303703456' }, account: { kind: 'DK', regNo: '2100', accountNo: '2' } },
      { party: { kind: 'CVR', value: '25313763' }, account: { kind: 'DK', regNo: '3200', accountNo: '3' } },
    ];
    const r = await call('POST', '/bank/nemkonti/bulk', TOKENS.danske, { items });
    expect(r.status).toBe(200);
    expect(
      (r.body['results'] as { ok: boolean; code?: string }[]).map((x) => (x.ok ? 'ok' : x.code)),
    ).toEqual(['ok', 'NOT_THIS_BANK', 'ok']);
    const batch = await call('POST', '/lookups/batch', TOKENS.udk, {
      items: items.map((i) => ({ party: i.party })),
    });
    expect((batch.body['answers'] as { found: boolean }[]).map((a) => a.found)).toEqual([true, false, true]);
  });

  it('lets the operator verify the change log and replay the register', async () => {
    const v = await call('GET', '/operator/change-log/verification', TOKENS.operator);
    expect(v.body).toMatchObject({ ok: true });
    expect(v.body['entries']).toBeGreaterThanOrEqual(4);
    const before = events.length;
    const r = await call('POST', '/operator/replay', TOKENS.operator);
    expect(r.body).toEqual({ parties: 3 });
    await expectEventually(async () => expect(events.length).toBe(before + 3));
  });

  it('serves its OpenAPI document', async () => {
    const doc = await call('GET', '/openapi.json', null);
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body['paths'] as object)).toEqual(
      expect.arrayContaining(['/bank/nemkonti', '/lookups/batch', '/authority/benefit-accounts']),
    );
  });
});
