// Lookup bundles over RabbitMQ against a real registry process: the payer publishes as its own
// RabbitMQ user (allowed only to write to nemkonto.payer-lookups and read its answers queue) and
// reads one answer per bundle, in order, on payer.<id>.answers; resends, conflicts, refusals and
// throttling; documents from unknown senders are dead-lettered.
import {
  PartnerDocumentTypes,
  PartnerExchanges,
  PayerLookupAnswerDto,
  payerAnswersQueue,
  payerLookupAnswerSchema,
} from '@nemkonto/contracts';
import { copenhagenWallClock } from '@nemkonto/domain';
import { expectEventually, rabbitmqctl, testRunId } from '@nemkonto/testing';
import { ChannelModel, ConfirmChannel, connect } from 'amqplib';
import { randomBytes, randomUUID } from 'node:crypto';
import { RegistryUnderTest, cprNumber, sha } from '../integration/registry-under-test';

jest.setTimeout(180_000);

interface Received {
  readonly messageId: string;
  readonly correlationId: string | undefined;
  readonly type: string | undefined;
  readonly raw: string;
  readonly answer: PayerLookupAnswerDto;
}

const N = 10_000;
const INVALID = '3213701234';
const registered = (i: number): boolean => i % 5 !== 0;
const optedOut = (i: number): boolean => i % 97 === 1;
const invalid = (i: number): boolean => i % 1000 === 999;
const itemsOf = (n: number, from = 0): { reference: string; party: { kind: string; value: string } }[] =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return { reference: `ref-${i}`, party: { kind: 'CPR', value: invalid(i) ? INVALID : cprNumber(i) } };
  });

describe('lookup bundles over RabbitMQ (a real registry process)', () => {
  let registry: RegistryUnderTest;
  const payerUser = `nk_test_${testRunId()}_payer_${randomBytes(3).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  let payer: ChannelModel;
  let ch: ConfirmChannel;
  const answers: Received[] = [];
  const accountNo = new Map<string, string>();
  const today = copenhagenWallClock(new Date()).date;

  const publish = async (
    body: unknown,
    options: { messageId?: string; userId?: string | null; as?: ConfirmChannel } = {},
  ): Promise<void> => {
    const channel = options.as ?? ch;
    channel.publish(
      PartnerExchanges.payerLookups,
      'BULK',
      Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body)),
      {
        persistent: true,
        messageId: options.messageId ?? randomUUID(),
        ...(options.userId === null ? {} : { userId: options.userId ?? payerUser }),
        type: PartnerDocumentTypes.payerLookupBundle,
        contentType: 'application/json',
      },
    );
    await channel.waitForConfirms();
  };
  const answer = (n: number): Promise<Received> =>
    expectEventually(
      () => {
        const a = answers[n - 1];
        if (!a) throw new Error(`${answers.length} answers so far, waiting for the ${n}th`);
        return a;
      },
      { timeoutMs: 120_000, intervalMs: 20 },
    );
  const usage = async (): Promise<Record<string, number>> => {
    const [row] = (await registry.ds.query(
      `SELECT lookups, hits, misses, opted_out, throttled, cpr_couplings FROM private_payer_usage WHERE payer_id = 'BULK' AND day = $1`,
      [today],
    )) as Record<string, string>[];
    return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
  };
  const audited = async (): Promise<number> =>
    Number(
      (
        (await registry.ds.query(
          `SELECT count(*) AS n FROM lookup_audit WHERE actor = 'private-payer:BULK'`,
        )) as { n: string }[]
      )[0]?.n,
    );

  beforeAll(async () => {
    registry = await RegistryUnderTest.prepare('payerbundles');
    const vhost = registry.infra.vhost;
    // The payer's own RabbitMQ user: it may declare nothing, write only to the lookups exchange
    // and read only its own answers queue.
    await rabbitmqctl('add_user', payerUser, password);
    await rabbitmqctl(
      'set_permissions',
      '-p',
      vhost,
      payerUser,
      '^$',
      '^nemkonto\\.payer-lookups$',
      `^${payerAnswersQueue('BULK').replace(/\./g, '\\.')}$`,
    );
    await registry.ds.query(
      `INSERT INTO private_payers (payer_id, name, nks_agreement_no, legal_basis_kind, legal_basis_ref, lookup_mode,
         api_token_sha256, broker_user, bucket_capacity, bucket_refill_per_second, active_from)
       VALUES ('BULK', 'Bulk Løn A/S', 'NKS-4711', 'LEGAL_BASIS', 'lov om offentlige betalinger § 5 a', 'FULL', $1, $2,
               1000000, 0.001, '2020-01-01')`,
      [sha('bulk-payer-token-0123456789'), payerUser],
    );
    const known = Array.from({ length: N }, (_, i) => i).filter((i) => registered(i) && !invalid(i));
    await registry.registerAccounts(known.map(cprNumber));
    known.forEach((i, k) => accountNo.set(cprNumber(i), String(k + 1).padStart(10, '0')));
    const opted = Array.from({ length: N }, (_, i) => i).filter((i) => optedOut(i) && !invalid(i));
    await registry.ds.query(
      `INSERT INTO private_payer_opt_outs (party_kind, party_id, since, channel, actor)
       SELECT 'CPR', id, now(), 'SELF_SERVICE', 'citizen' FROM unnest($1::text[]) AS id`,
      [opted.map(cprNumber)],
    );
    await registry.start();

    const url = new URL(registry.infra.amqpUrl);
    url.username = payerUser;
    url.password = password;
    payer = await connect(url.toString());
    ch = await payer.createConfirmChannel();
    await ch.consume(payerAnswersQueue('BULK'), (m) => {
      if (!m) return;
      const raw = m.content.toString('utf8');
      answers.push({
        messageId: String(m.properties.messageId),
        correlationId: m.properties.correlationId as string | undefined,
        type: m.properties.type as string | undefined,
        raw,
        answer: payerLookupAnswerSchema.parse(JSON.parse(raw)),
      });
      ch.ack(m);
    });
  });

  afterAll(async () => {
    await payer?.close().catch(() => undefined);
    await registry?.dispose();
    await rabbitmqctl('delete_user', payerUser).catch(() => undefined);
  });

  it('answers a bundle of 10,000 on the payer’s queue, one result per item in order', async () => {
    const started = Date.now();
    await publish({ bundleId: 'PAYROLL-2026-11', items: itemsOf(N) });
    const got = await answer(1);
    const ms = Date.now() - started;
    console.log(`bundle of ${N} lookups answered on payer.BULK.answers in ${ms} ms`);

    expect(got.type).toBe(PartnerDocumentTypes.payerLookupAnswer);
    expect(got.correlationId).toBe('PAYROLL-2026-11');
    expect(got.messageId).toBe(got.answer.answerId);
    expect(got.answer).toMatchObject({
      status: 'ANSWERED',
      bundleId: 'PAYROLL-2026-11',
      payerId: 'BULK',
      mode: 'FULL',
    });
    const results = got.answer.results;
    expect(results).toHaveLength(N);
    let hits = 0;
    let noAccount = 0;
    let opted = 0;
    results.forEach((r, i) => {
      expect(r.reference).toBe(`ref-${i}`);
      if (invalid(i))
        expect(r).toEqual({
          reference: `ref-${i}`,
          invalid: true,
          code: 'CPR_DATE',
          field: `items[${i}].party.value`,
        });
      else if (optedOut(i)) expect(r).toEqual({ reference: `ref-${i}`, found: false, code: 'OPTED_OUT' });
      else if (registered(i))
        expect(r).toEqual({
          reference: `ref-${i}`,
          found: true,
          account: { kind: 'DK', regNo: '3001', accountNo: accountNo.get(cprNumber(i)) },
        });
      else expect(r).toEqual({ reference: `ref-${i}`, found: false, code: 'NO_ACCOUNT' });
      if (invalid(i)) return;
      if (optedOut(i)) opted += 1;
      else if (registered(i)) hits += 1;
      else noAccount += 1;
    });

    expect(await audited()).toBe(N - 10);
    expect(await usage()).toEqual({
      lookups: N - 10,
      hits,
      misses: noAccount,
      opted_out: opted,
      throttled: 0,
      cpr_couplings: hits,
    });
    // One token per item before, 19 more per miss (opted out included) after.
    const misses = noAccount + opted;
    const [bucket] = (await registry.ds.query(
      `SELECT tokens FROM private_payer_buckets WHERE bucket_key = 'payer:BULK'`,
    )) as { tokens: number }[];
    expect(bucket?.tokens).toBeCloseTo(1_000_000 - (N - 10) - 19 * misses, -1);
  });

  it('sends a resent bundle the same answer again, neither looked up nor counted twice', async () => {
    const before = { usage: await usage(), audited: await audited() };
    await publish({ bundleId: 'PAYROLL-2026-11', items: itemsOf(N) });
    const again = await answer(2);
    const first = await answer(1);
    expect(again.messageId).toBe(first.messageId);
    expect(again.raw).toBe(first.raw);
    expect({ usage: await usage(), audited: await audited() }).toEqual(before);
  });

  it('answers the same bundle id with other content as a conflict', async () => {
    const before = await usage();
    await publish({ bundleId: 'PAYROLL-2026-11', items: itemsOf(2) });
    expect((await answer(3)).answer).toMatchObject({
      status: 'REJECTED',
      code: 'BUNDLE_CONFLICT',
      bundleId: 'PAYROLL-2026-11',
      results: [],
    });
    expect(await usage()).toEqual(before);
  });

  it('refuses more than 10,000 items (BUNDLE_TOO_LARGE) and what is not a bundle (BUNDLE_MALFORMED)', async () => {
    await publish({ bundleId: 'TOO-BIG', items: itemsOf(N + 1) });
    expect((await answer(4)).answer).toMatchObject({
      status: 'REJECTED',
      code: 'BUNDLE_TOO_LARGE',
      bundleId: 'TOO-BIG',
    });
    await publish(Buffer.from('{"bundleId": "HALF", "items": ['));
    expect((await answer(5)).answer).toMatchObject({
      status: 'REJECTED',
      code: 'BUNDLE_MALFORMED',
      bundleId: null,
    });
    await publish({ bundleId: 'NO-REFS', items: [{ party: { kind: 'CPR', value: cprNumber(1) } }] });
    const malformed = await answer(6);
    expect(malformed.answer).toMatchObject({ code: 'BUNDLE_MALFORMED', bundleId: 'NO-REFS' });
    expect(malformed.raw).not.toContain(cprNumber(1));
  });

  it('refuses a bundle the bucket cannot cover now (THROTTLED, retry after) without recording it', async () => {
    await registry.ds.query(`UPDATE private_payers SET bucket_capacity = 100 WHERE payer_id = 'BULK'`);
    await publish({ bundleId: 'BIG-FOR-BUCKET', items: itemsOf(150, 20_000) });
    expect((await answer(7)).answer).toMatchObject({
      code: 'BUNDLE_OVER_CAPACITY',
      bundleId: 'BIG-FOR-BUCKET',
    });

    await registry.ds.query(
      `UPDATE private_payer_buckets SET tokens = 10, refilled_at = now() WHERE bucket_key = 'payer:BULK'`,
    );
    const before = await usage();
    const bundle = { bundleId: 'LATER', items: itemsOf(30, 20_000) };
    await publish(bundle);
    const throttled = (await answer(8)).answer;
    expect(throttled).toMatchObject({ status: 'REJECTED', code: 'THROTTLED', bundleId: 'LATER' });
    // 20 tokens short at 0.001 a second.
    expect(throttled.retryAfterSeconds).toBeGreaterThan(19_000);
    expect(await usage()).toEqual({ ...before, throttled: (before['throttled'] ?? 0) + 30 });

    await registry.ds.query(`UPDATE private_payer_buckets SET tokens = 100 WHERE bucket_key = 'payer:BULK'`);
    await publish(bundle);
    const later = (await answer(9)).answer;
    expect(later).toMatchObject({ status: 'ANSWERED', bundleId: 'LATER' });
    expect(later.results).toHaveLength(30);
  });

  it('dead-letters a bundle from a broker user no payer has, and one without user-id', async () => {
    const guest = await connect(registry.infra.amqpUrl);
    try {
      const gch = await guest.createConfirmChannel();
      await publish({ bundleId: 'STRANGER', items: itemsOf(1) }, { as: gch, userId: 'guest' });
      await publish({ bundleId: 'NOBODY', items: itemsOf(1) }, { as: gch, userId: null });
      const dead: string[] = [];
      await expectEventually(async () => {
        const m = await gch.get('account-registry.payer-lookups.dlq', { noAck: true });
        if (m) dead.push((JSON.parse(m.content.toString()) as { bundleId: string }).bundleId);
        expect(dead.sort()).toEqual(['NOBODY', 'STRANGER']);
      });
    } finally {
      await guest.close();
    }
    expect(answers).toHaveLength(9);
    expect(registry.output).toContain('bundle from an unknown sender');
  });

  it('answers a bundle of a payer whose agreement ended with NO_AGREEMENT', async () => {
    await registry.ds.query(`UPDATE private_payers SET active_to = '2021-12-31' WHERE payer_id = 'BULK'`);
    await publish({ bundleId: 'AFTER-THE-END', items: itemsOf(3) });
    expect((await answer(10)).answer).toMatchObject({ status: 'REJECTED', code: 'NO_AGREEMENT' });
  });

  it('wrote none of the bundle’s CPR numbers in clear to its logs', () => {
    const numbers = new Set(itemsOf(N).map((i) => i.party.value));
    const leaked = (registry.output.match(/\d{10}/g) ?? []).filter((n) => numbers.has(n));
    expect(leaked).toEqual([]);
  });
});
