// The HTTP cases of the hostile-input corpus against every service with an HTTP API, as real
// processes: every protected endpoint of intake, dispatch and sync without and with wrong
// credentials (the registry's every endpoint is in its authorisation matrix), malformed and
// oversized JSON bodies, injection-like values in every field of a registration and in path
// parameters; afterwards every service is ready and still does its work, and no log holds the
// CPR number sent.
import { FLOW_AUTHORITY } from '../e2e/flow-system';
import {
  RegistryTestSystem,
  TEST_TOKENS,
  startRegistryTestSystem,
} from '../../libs/account-registry/register/src/integration/registry-test-system';
import {
  OPERATOR_TOKEN as SYNC_OPERATOR_TOKEN,
  SyncServiceFixture,
} from '../../libs/cpr-cvr-sync/sync/src/integration/sync-service.fixture';
import { expectEventually } from '@nemkonto/testing';
import { writePain001 } from '@nemkonto/payment-intake-pain001';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BODY_CPR, HTTP_CASES, HttpCase, PROTECTED_ENDPOINTS, bundle, payment } from './corpus';
import { HostileFlow, OPERATOR_TOKEN } from './hostile-flow';

jest.setTimeout(180_000);

const FORGED = 'forged-token-0123456789abcdefABCDEF';
const TOKENS: Record<HttpCase['service'], { right: string; wrongRole: string }> = {
  'payment-intake': { right: FLOW_AUTHORITY.token, wrongRole: OPERATOR_TOKEN },
  'bank-dispatch': { right: OPERATOR_TOKEN, wrongRole: FLOW_AUTHORITY.token },
  'cpr-cvr-sync': { right: SYNC_OPERATOR_TOKEN, wrongRole: FLOW_AUTHORITY.token },
  'account-registry': { right: TEST_TOKENS.danske, wrongRole: TEST_TOKENS.payer },
};

describe('hostile HTTP input to every service (real processes)', () => {
  const h = new HostileFlow();
  const sync = new SyncServiceFixture();
  const logDir = mkdtempSync(join(tmpdir(), 'nk-hostile-logs-'));
  let registry: RegistryTestSystem;

  beforeAll(async () => {
    await h.start('hostilehttp', {}, logDir);
    registry = await startRegistryTestSystem('hostilereg');
    await sync.start('hostilesync');
  });

  afterAll(async () => {
    await sync.stop();
    await registry?.close();
    await h.dispose();
    rmSync(logDir, { recursive: true, force: true });
  });

  const base = (service: HttpCase['service']): string =>
    service === 'account-registry'
      ? registry.registry.url
      : service === 'cpr-cvr-sync'
        ? `http://127.0.0.1:${sync.port}`
        : h.url(service);

  const operations = async (url: string): Promise<string[]> => {
    const doc = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, object> };
    return Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .filter((op) => !op.startsWith('GET /health') && op !== 'GET /metrics')
      .sort();
  };

  it('the corpus names every protected endpoint of intake, dispatch and sync; enrichment has none', async () => {
    for (const [service, ops] of Object.entries(PROTECTED_ENDPOINTS)) {
      expect([service, await operations(base(service as HttpCase['service']))]).toEqual([
        service,
        [...ops].sort(),
      ]);
    }
    expect(await operations(h.url('account-enrichment'))).toEqual([]);
  });

  it.each(HTTP_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const headers: Record<string, string> = {};
    if (c.caller === 'forged') headers['authorization'] = `Bearer ${FORGED}`;
    if (c.caller === 'wrong-role') headers['authorization'] = `Bearer ${TOKENS[c.service].wrongRole}`;
    if (c.caller === 'right') headers['authorization'] = `Bearer ${TOKENS[c.service].right}`;
    let body: string | undefined;
    if (c.body && 'json' in c.body) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(c.body.json);
    } else if (c.body) {
      headers['content-type'] = c.body.contentType;
      body = c.body.raw;
    }
    const res = await fetch(`${base(c.service)}${c.path}`, { method: c.method, headers, body });
    const text = await res.text();
    expect([res.status, text.slice(0, 300)]).toEqual([c.expected.status, expect.any(String)]);
    const parsed = JSON.parse(text) as { code?: string; field?: string };
    if (c.expected.code !== undefined) expect(parsed.code).toBe(c.expected.code);
    if (c.expected.field !== undefined) expect(parsed.field).toBe(c.expected.field);
    for (const never of c.expected.neverEchoes ?? []) expect(text).not.toContain(never);
  });

  it('leaves every service ready and working, with no CPR number in any log', async () => {
    await h.expectAllReady();
    expect((await fetch(`${registry.registry.url}/health/ready`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${sync.port}/health/ready`)).status).toBe(200);
    const v = {
      msgId: 'H-HTTP-N',
      e2e: (s: string) => `HTTP-${s}`,
      today: new Date().toISOString().slice(0, 10),
    };
    const up = await h.upload(writePain001(bundle(v, [payment(v, 'OK')])));
    expect(up.status).toBe(200);
    await expectEventually(async () => expect(await h.paymentState(v.e2e('OK'))).toBe('DISPATCHED'), {
      timeoutMs: 60_000,
    });
    const registered = await registry.call(
      'POST',
      '/bank/nemkonti',
      { token: TEST_TOKENS.danske },
      {
        party: { kind: 'CPR', value: BODY_CPR },
        account: { kind: 'DK', regNo: '3100', accountNo: '0012345678' },
      },
    );
    expect([registered.status, registered.body['ok']]).toEqual([200, true]);
    const logs = readdirSync(logDir).map((f) => readFileSync(join(logDir, f), 'utf8'));
    expect(logs.join('\n')).toContain('BODY_TOO_LARGE');
    for (const log of logs) expect(log).not.toContain(BODY_CPR);
  });
});
