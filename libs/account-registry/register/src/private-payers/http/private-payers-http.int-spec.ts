// Private payers over REST against a real registry process: FULL and YES_NO answers that carry
// nothing but the account (or whether there is one), opt-outs, end-marking, an audit row and a
// usage count per lookup, token buckets (429 + Retry-After, a miss costing 20 hits, concurrent
// requests never overspending), the usage report, and the authorisation matrix.
import { copenhagenWallClock } from '@nemkonto/domain';
import { expectEventually } from '@nemkonto/testing';
import { verifyChangeLog } from '../../change-log/change-log';
import { RegistryUnderTest, TOKENS, cprNumber } from '../integration/registry-under-test';
import { OptOutUseCase } from '../usecases/opt-out/opt-out.usecase';
import { PrivatePayerLookupsQuery } from '../usecases/private-payer-lookups/private-payer-lookups.query';

jest.setTimeout(120_000);

const PAYERS = {
  acme: 'acme-payroll-token-0123456789',
  checkr: 'checkr-yesno-token-0123456789',
  old: 'old-agreement-token-0123456789',
  tight: 'tight-bucket-token-0123456789',
  tight2: 'tight-bucket2-token-0123456789',
  rush: 'rush-payer-token-0123456789',
};
const HAS_ACCOUNT = cprNumber(1);
const END_MARKED = cprNumber(2);
const BENEFIT_ONLY = cprNumber(3);
const OPTS_OUT = cprNumber(4);
const UNKNOWN = cprNumber(5);
const OPTS_OUT_NO_ACCOUNT = cprNumber(6);
const ALL_CPRS = [HAS_ACCOUNT, END_MARKED, BENEFIT_ONLY, OPTS_OUT, UNKNOWN, OPTS_OUT_NO_ACCOUNT];
const cpr = (value: string): { party: { kind: string; value: string } } => ({
  party: { kind: 'CPR', value },
});

describe('private payers over REST (a real registry process)', () => {
  let registry: RegistryUnderTest;
  const today = copenhagenWallClock(new Date()).date;

  // Each call acts for another end user unless told (an end user's own bucket holds 5 misses).
  let clerks = 0;
  const lookUp = (token: string, value: string, endUser = `clerk-${++clerks}`) =>
    registry.call('POST', '/private-payers/lookups', token, cpr(value), { 'x-nemkonto-end-user': endUser });
  const usage = async (payerId: string): Promise<Record<string, number>> => {
    const [row] = (await registry.ds.query(
      `SELECT lookups, hits, misses, opted_out, yes_no, throttled, cpr_couplings FROM private_payer_usage
        WHERE payer_id = $1 AND day = $2`,
      [payerId, today],
    )) as Record<string, string>[];
    return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
  };

  beforeAll(async () => {
    registry = await RegistryUnderTest.prepare('payersrest');
    await registry.registerAccounts([HAS_ACCOUNT, END_MARKED, OPTS_OUT]);
    // End-marked, but not yet 5 years ago (then the housekeeping would delete the account).
    await registry.ds.query(`UPDATE parties SET end_marked_from = '2024-06-01' WHERE party_id = $1`, [
      END_MARKED,
    ]);
    // An active benefit-specific account of UDK and no NemKonto: for UDK only, never for a payer.
    await registry.ds.query(`INSERT INTO parties (party_kind, party_id) VALUES ('CPR', $1)`, [BENEFIT_ONLY]);
    await registry.ds.query(
      `INSERT INTO account_versions (version_id, party_kind, party_id, purpose, authority_id, benefit_type, account, state, channel, actor, effective_from)
       VALUES (gen_random_uuid(), 'CPR', $1, 'BENEFIT_SPECIFIC', 'UDK', 'BOERNEYDELSE', '{"kind":"DK","regNo":"3005","accountNo":"0000000042"}',
               'ACTIVE', 'AUTHORITY', 'authority:UDK', '2020-01-01')`,
      [BENEFIT_ONLY],
    );
    await registry.start({ NK_REGISTRY_PAYER_FEE_ORE: '3' });
    const saved = await Promise.all([
      registry.savePayer('ACME', PAYERS.acme),
      registry.savePayer('CHECKR', PAYERS.checkr, {
        lookupMode: 'YES_NO',
        legalBasis: { kind: 'LEGAL_BASIS', reference: 'lov § 5 a' },
      }),
      registry.savePayer('OLD', PAYERS.old, { activeFrom: '2020-01-01', activeTo: '2021-12-31' }),
      registry.savePayer('TIGHT', PAYERS.tight, { bucket: { capacity: 40, refillPerSecond: 0.01 } }),
      registry.savePayer('TIGHT2', PAYERS.tight2, { bucket: { capacity: 40, refillPerSecond: 0.01 } }),
      registry.savePayer('RUSH', PAYERS.rush, {
        bucket: { capacity: 100, refillPerSecond: 0.000001 },
        endUserBucket: { capacity: 1_000_000, refillPerSecond: 1 },
      }),
    ]);
    expect(saved.map((s) => s.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  afterAll(async () => {
    await registry?.dispose();
  });

  it('lets an operator register a payer, shown without its token, and refuses a taken agreement number (409)', async () => {
    const again = await registry.savePayer('ACME', PAYERS.acme);
    expect(again.body).toMatchObject({ payerId: 'ACME', nksAgreementNo: 'NKS-ACME', lookupMode: 'FULL' });
    expect(again.text).not.toContain('Sha256');
    const clash = await registry.savePayer('ACME2', 'acme2-token-0123456789abcdef', {
      nksAgreementNo: 'NKS-ACME',
    });
    expect(clash.status).toBe(409);
    expect(clash.body['code']).toBe('PAYER_CONFLICT');
    const bad = await registry.savePayer('ACME3', 'acme3-token-0123456789abcdef', { lookupMode: 'ALL' });
    expect(bad.body).toMatchObject({ code: 'FIELD_FORMAT', field: 'lookupMode' });
  });

  it('answers a FULL payer with the account and nothing else of the register', async () => {
    const r = await lookUp(PAYERS.acme, HAS_ACCOUNT);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ found: true, account: { kind: 'DK', regNo: '3001', accountNo: '0000000001' } });
  });

  it('never gives a payer an authority’s benefit-specific account, and answers END_MARKED and NO_ACCOUNT', async () => {
    expect((await lookUp(PAYERS.acme, BENEFIT_ONLY)).body).toEqual({ found: false, code: 'NO_ACCOUNT' });
    expect((await lookUp(PAYERS.acme, END_MARKED)).body).toEqual({ found: false, code: 'END_MARKED' });
    expect((await lookUp(PAYERS.acme, UNKNOWN)).body).toEqual({ found: false, code: 'NO_ACCOUNT' });
  });

  it('answers a YES_NO payer only registered true or false', async () => {
    expect((await lookUp(PAYERS.checkr, HAS_ACCOUNT)).body).toEqual({ registered: true });
    expect((await lookUp(PAYERS.checkr, END_MARKED)).body).toEqual({ registered: false });
    expect((await lookUp(PAYERS.checkr, UNKNOWN)).body).toEqual({ registered: false });
  });

  it('writes an audit row (channel PRIVATE_PAYER, the payer, the outcome) and counts usage once per lookup', async () => {
    const audit = (await registry.ds.query(
      `SELECT party_id, channel, actor, outcome FROM lookup_audit WHERE actor = 'private-payer:ACME' ORDER BY id`,
    )) as Record<string, string>[];
    expect(audit.map((a) => [a['party_id'], a['channel'], a['outcome']])).toEqual([
      [HAS_ACCOUNT, 'PRIVATE_PAYER', 'FOUND'],
      [BENEFIT_ONLY, 'PRIVATE_PAYER', 'NO_ACCOUNT'],
      [END_MARKED, 'PRIVATE_PAYER', 'END_MARKED'],
      [UNKNOWN, 'PRIVATE_PAYER', 'NO_ACCOUNT'],
    ]);
    expect(await usage('ACME')).toEqual({
      lookups: 4,
      hits: 1,
      misses: 3,
      opted_out: 0,
      yes_no: 0,
      throttled: 0,
      cpr_couplings: 1,
    });
    expect(await usage('CHECKR')).toMatchObject({ lookups: 3, hits: 1, yes_no: 3, cpr_couplings: 0 });
  });

  it('honours an opt-out: OPTED_OUT (also without an account) or registered: false, until it is withdrawn', async () => {
    const optOut = new OptOutUseCase(registry.ds);
    const set = { optOut: true, channel: 'SELF_SERVICE' as const, actor: 'citizen' };
    expect(
      await optOut.execute({ ...set, party: { kind: 'CPR', value: OPTS_OUT } }, new Date()),
    ).toMatchObject({
      optedOut: true,
      changed: true,
    });
    expect(
      await optOut.execute({ ...set, party: { kind: 'CPR', value: OPTS_OUT } }, new Date()),
    ).toMatchObject({
      optedOut: true,
      changed: false,
    });
    await optOut.execute({ ...set, party: { kind: 'CPR', value: OPTS_OUT_NO_ACCOUNT } }, new Date());

    expect((await lookUp(PAYERS.acme, OPTS_OUT)).body).toEqual({ found: false, code: 'OPTED_OUT' });
    expect((await lookUp(PAYERS.acme, OPTS_OUT_NO_ACCOUNT)).body).toEqual({
      found: false,
      code: 'OPTED_OUT',
    });
    expect((await lookUp(PAYERS.checkr, OPTS_OUT)).body).toEqual({ registered: false });
    expect(await usage('ACME')).toMatchObject({ lookups: 6, opted_out: 2 });

    const withdrawn = await optOut.execute(
      { ...set, optOut: false, party: { kind: 'CPR', value: OPTS_OUT } },
      new Date(),
    );
    expect(withdrawn).toMatchObject({ optedOut: false, changed: true });
    expect((await lookUp(PAYERS.acme, OPTS_OUT)).body).toMatchObject({ found: true });

    // Audited in the hash-chained change log: one entry per change, none for the repeated set.
    const log = (await registry.ds.query(
      `SELECT action, channel FROM change_log WHERE party_id = $1 ORDER BY seq`,
      [OPTS_OUT],
    )) as { action: string; channel: string }[];
    expect(log.map((l) => l.action)).toEqual(['PRIVATE_PAYER_OPT_OUT', 'PRIVATE_PAYER_OPT_OUT_WITHDRAWN']);
    expect((await verifyChangeLog(registry.ds.manager)).ok).toBe(true);
  });

  it('tells a party which private payers looked it up, when and with what outcome', async () => {
    const seen = await new PrivatePayerLookupsQuery(registry.ds).execute({ kind: 'CPR', value: OPTS_OUT });
    expect(seen.map((s) => [s.payerId, s.payerName, s.outcome])).toEqual([
      ['ACME', 'ACME A/S', 'FOUND'],
      ['CHECKR', 'CHECKR A/S', 'OPTED_OUT'],
      ['ACME', 'ACME A/S', 'OPTED_OUT'],
    ]);
    expect(seen[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('refuses a payer whose agreement is not in force (403 NO_AGREEMENT), looking nothing up', async () => {
    const r = await lookUp(PAYERS.old, HAS_ACCOUNT);
    expect(r.status).toBe(403);
    expect(r.body['code']).toBe('NO_AGREEMENT');
    expect(await usage('OLD')).toEqual({});
  });

  it('answers bad input with the domain’s code, never repeating the CPR number, and looks nothing up', async () => {
    const before = await usage('ACME');
    const bad = await lookUp(PAYERS.acme, '3213701234');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'CPR_DATE', field: 'party.value' });
    expect(bad.text).not.toContain('3213701234');
    const noEndUser = await registry.call('POST', '/private-payers/lookups', PAYERS.acme, cpr(HAS_ACCOUNT));
    expect(noEndUser.body).toMatchObject({ code: 'END_USER_MISSING', field: 'x-nemkonto-end-user' });
    expect(noEndUser.text).not.toContain(HAS_ACCOUNT);
    expect(await usage('ACME')).toEqual(before);
  });

  it('throttles with 429 and Retry-After, a miss costing 20 hits: 2 misses or 21 hits from a bucket of 40', async () => {
    const misses: Awaited<ReturnType<typeof lookUp>>[] = [];
    for (let i = 0; i < 3; i++) misses.push(await lookUp(PAYERS.tight, cprNumber(100 + i), `m${i}`));
    expect(misses.map((r) => r.status)).toEqual([200, 200, 429]);
    const refused = misses[2];
    const retryAfter = Number(refused?.headers.get('retry-after'));
    // 20 tokens at 0.01 a second: about 2,000 s.
    expect(retryAfter).toBeGreaterThan(1900);
    expect(retryAfter).toBeLessThanOrEqual(2000);
    expect(refused?.body).toMatchObject({ code: 'THROTTLED', retryAfterSeconds: retryAfter });

    const hits: number[] = [];
    for (let i = 0; i < 22; i++) hits.push((await lookUp(PAYERS.tight2, HAS_ACCOUNT, `h${i}`)).status);
    expect(hits.filter((s) => s === 200)).toHaveLength(21);
    expect(hits[21]).toBe(429);
    expect(await usage('TIGHT')).toMatchObject({ lookups: 2, misses: 2, throttled: 1 });
    expect(await usage('TIGHT2')).toMatchObject({ lookups: 21, hits: 21, throttled: 1 });
  });

  it('throttles one end user (5 misses of 20 from its 100) while the payer’s other end users go on', async () => {
    const eve: number[] = [];
    for (let i = 0; i < 6; i++) eve.push((await lookUp(PAYERS.acme, cprNumber(200 + i), 'eve')).status);
    expect(eve).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await lookUp(PAYERS.acme, HAS_ACCOUNT, 'bob')).status).toBe(200);
  });

  it('never overspends under 200 concurrent requests: hits × 1 + misses × 20 ≤ the bucket’s 100', async () => {
    const known = Array.from({ length: 100 }, (_, i) => cprNumber(1000 + i));
    await registry.registerAccounts(known);
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        lookUp(PAYERS.rush, i % 2 === 0 ? (known[i / 2] ?? '') : cprNumber(2000 + i), `u${i}`),
      ),
    );
    const ms = Date.now() - started;
    const ok = results.filter((r) => r.status === 200);
    const hits = ok.filter((r) => r.body['found'] === true).length;
    const misses = ok.length - hits;
    const refused = results.filter((r) => r.status === 429).length;
    console.log(`200 concurrent REST lookups in ${ms} ms: ${hits} hits, ${misses} misses, ${refused} × 429`);
    expect(ok.length + refused).toBe(200);
    expect(hits + 20 * misses).toBeLessThanOrEqual(100);
    expect(ok.length).toBeGreaterThanOrEqual(5);
    expect(await usage('RUSH')).toMatchObject({ lookups: ok.length, hits, throttled: refused });
  });

  it('reports usage per payer per day with the fee per coupling (3 øre here), for operators', async () => {
    const r = await registry.call(
      'GET',
      `/operator/private-payers/usage?from=${today}&to=${today}`,
      TOKENS.operator,
    );
    expect(r.status).toBe(200);
    expect(r.body['feeOrePerCoupling']).toBe(3);
    const days = r.body['days'] as Record<string, unknown>[];
    const acme = days.find((d) => d['payerId'] === 'ACME');
    expect(acme).toMatchObject({ day: today, nksAgreementNo: 'NKS-ACME', cprCouplings: 3, feeOre: 9 });
    const totals = r.body['totals'] as Record<string, unknown>[];
    expect(totals.find((t) => t['payerId'] === 'TIGHT2')).toMatchObject({ hits: 21, feeOre: 63 });
    const bad = await registry.call(
      'GET',
      `/operator/private-payers/usage?from=${today}&to=2020-01-01`,
      TOKENS.operator,
    );
    expect(bad.body).toMatchObject({ code: 'PERIOD' });
    expect(
      (
        await registry.call(
          'GET',
          '/operator/private-payers/usage?from=2026-02-30&to=2026-03-01',
          TOKENS.operator,
        )
      ).body['code'],
    ).toBe('DATE_FORMAT');
  });

  describe('authorisation', () => {
    const payerEndpoints = [['POST', '/private-payers/lookups']] as const;
    const operatorEndpoints = [
      ['POST', '/operator/private-payers'],
      ['GET', '/operator/private-payers/usage?from=2026-01-01&to=2026-01-02'],
      ['GET', '/operator/change-log/verification'],
      ['POST', '/operator/replay'],
    ] as const;
    const otherRoles = [
      ['POST', '/bank/nemkonti'],
      ['POST', '/bank/nemkonti/close'],
      ['POST', '/bank/nemkonti/bulk'],
      ['POST', '/authority/nemkonti'],
      ['POST', '/authority/benefit-accounts'],
      ['POST', '/lookups'],
      ['POST', '/lookups/batch'],
    ] as const;

    it.each([...payerEndpoints, ...operatorEndpoints])(
      'refuses %s %s without a token or with an unknown one (401)',
      async (method, path) => {
        expect((await registry.call(method, path, null, cpr(HAS_ACCOUNT))).status).toBe(401);
        expect((await registry.call(method, path, 'not-a-known-token-at-all', cpr(HAS_ACCOUNT))).status).toBe(
          401,
        );
      },
    );

    it.each(otherRoles)('refuses a private payer on %s %s (403)', async (method, path) => {
      const r = await registry.call(method, path, PAYERS.acme, cpr(HAS_ACCOUNT), {
        'x-nemkonto-end-user': 'x',
      });
      expect(r.status).toBe(403);
    });

    it.each(operatorEndpoints)(
      'refuses a private payer, a bank and an authority on %s %s (403: not an operator)',
      async (method, path) => {
        for (const token of [PAYERS.acme, TOKENS.bank, TOKENS.authority])
          expect((await registry.call(method, path, token, {})).status).toBe(403);
      },
    );

    it.each([
      ['a bank', TOKENS.bank],
      ['an authority', TOKENS.authority],
    ])('refuses %s on POST /private-payers/lookups (403)', async (_, token) => {
      const r = await registry.call('POST', '/private-payers/lookups', token, cpr(HAS_ACCOUNT), {
        'x-nemkonto-end-user': 'x',
      });
      expect(r.status).toBe(403);
    });
  });

  it('serves the endpoints in its OpenAPI document', async () => {
    const doc = await registry.call('GET', '/openapi.json', null);
    expect(Object.keys(doc.body['paths'] as object)).toEqual(
      expect.arrayContaining([
        '/private-payers/lookups',
        '/operator/private-payers',
        '/operator/private-payers/usage',
      ]),
    );
  });

  it('wrote no CPR number in clear to its logs', async () => {
    await expectEventually(async () => expect(registry.output.length).toBeGreaterThan(0));
    for (const n of ALL_CPRS) expect(registry.output).not.toContain(n);
  });
});
