// The hostile-input corpus (tools/hostile/corpus) against intake, enrichment and dispatch as real
// processes: every XML, bundle and payment case over HTTP upload and over the authority
// exchange, every bank-answer case on the bank exchange, each with its exact answer, and after
// each category the services still ready and a normal bundle still going through to the bank.
import { ReadAnswer } from '@nemkonto/payment-intake-pain002';
import { expectEventually, parseWithPublishedEdifactParser } from '@nemkonto/testing';
import { writePain001 } from '@nemkonto/payment-intake-pain001';
import { FLOW_BANK } from '../e2e/flow-system';
import {
  BANK_ANSWER_CASES,
  BUNDLE_CASES,
  BankContext,
  IntakeCase,
  IntakePath,
  PAYMENT_CASES,
  TEST_MAX_BUNDLE_BYTES,
  Variant,
  XML_CASES,
  bundle,
  payment,
} from './corpus';
import { HostileFlow } from './hostile-flow';

jest.setTimeout(180_000);

const MIB = 1024 * 1024;
const today = new Date().toISOString().slice(0, 10);
const variant = (tag: string): Variant => ({ msgId: `H-${tag}`, e2e: (s) => `${tag}-${s}`, today });
const toBuffer = (doc: string | Buffer): Buffer => (Buffer.isBuffer(doc) ? doc : Buffer.from(doc, 'utf8'));
// pain.002 AddtlInf holds at most 105 characters.
const asSent = (reason: string): string => reason.slice(0, 105);

describe('hostile input through intake, enrichment and dispatch (real processes)', () => {
  const h = new HostileFlow();
  // Ids of answers already accounted for (HTTP responses, earlier cases).
  const known = new Set<string>();

  beforeAll(async () => {
    await h.start('hostile', { NK_INTAKE_MAX_BUNDLE_BYTES: String(TEST_MAX_BUNDLE_BYTES) });
  });

  afterAll(async () => {
    await h.dispose();
  });

  const remember = (answers: readonly ReadAnswer[]): ReadAnswer[] => {
    for (const a of answers) known.add(a.answerId);
    return [...answers];
  };

  // Sends a document one way and returns the answers it got (the upload's response, or the new
  // answers on the authority's queue). A prior document must simply be received.
  async function send(
    path: IntakePath,
    c: IntakeCase,
    v: Variant,
    doc: string | Buffer,
    role: 'prior' | 'case',
  ): Promise<ReadAnswer[]> {
    const e = role === 'case' ? c.expected : { answer: 2, httpStatus: 200, resend: false };
    if (path === 'http') {
      const up = await h.upload(role === 'case' && c.stream ? c.stream(v) : doc, {
        declaredLength: role === 'case' ? c.declaredLength : undefined,
      });
      expect(up.status).toBe(e.httpStatus);
      return remember(up.answers);
    }
    if (e.resend) {
      await h.settle();
      const inbox = async (): Promise<number> =>
        (await h.query<{ n: number }>('payment-intake', 'SELECT count(*)::int AS n FROM inbox'))[0]?.n ?? 0;
      const before = await inbox();
      await h.publishAsAuthority(toBuffer(doc));
      await expectEventually(async () => expect(await inbox()).toBeGreaterThan(before));
      await h.settle();
      // Nothing new on the queue; the answers stand as the prior sending got them.
      expect(h.answers.filter((a) => !known.has(a.answerId) && a.originalMsgId === v.msgId)).toEqual([]);
      return h.answers.filter((a) => a.originalMsgId === v.msgId);
    }
    await h.publishAsAuthority(toBuffer(doc));
    const mine = (a: ReadAnswer): boolean =>
      !known.has(a.answerId) && (e.answer === 0 ? a.code === 0 : a.originalMsgId.startsWith(v.msgId));
    const wanted = e.answer === 2 ? 2 : 1;
    const fresh = await expectEventually(() => {
      const found = h.answers.filter(mine);
      expect(found.length).toBeGreaterThanOrEqual(wanted);
      return found;
    });
    return remember(fresh);
  }

  function expectReception(
    c: IntakeCase,
    v: Variant,
    answers: readonly ReadAnswer[],
    prior: readonly ReadAnswer[],
  ) {
    const e = c.expected;
    const reason = typeof e.reason === 'function' ? e.reason(v) : e.reason;
    if (e.resend) {
      expect(answers.map((a) => a.answerId).sort()).toEqual(prior.map((a) => a.answerId).sort());
    }
    if (e.answer === 2) {
      expect(answers.map((a) => a.code).sort()).toEqual([1, 2]);
      const one = answers.find((a) => a.code === 1);
      const two = answers.find((a) => a.code === 2);
      expect(one).toMatchObject({ groupStatus: 'ACTC', groupReasonCode: null, originalMsgId: v.msgId });
      expect(two).toMatchObject({ groupStatus: e.groupStatus, groupReason: reason, originalMsgId: v.msgId });
      expect(two?.transactions.map((t) => [t.endToEndId, t.status, t.reasonCode, t.reason])).toEqual(
        (e.rejected ?? []).map((r) => [v.e2e(r.suffix).slice(0, 35), 'RJCT', r.reasonCode, asSent(r.reason)]),
      );
      return;
    }
    expect(answers).toHaveLength(1);
    const [a] = answers;
    expect(a).toMatchObject({
      code: e.answer,
      groupStatus: e.groupStatus,
      groupReasonCode: e.reasonCode,
      originalMsgId: e.answer === 0 ? 'UNKNOWN' : v.msgId,
      transactions: [],
    });
    if (reason instanceof RegExp) expect(a?.groupReason).toMatch(reason);
    else expect(a?.groupReason).toBe(asSent(reason as string));
  }

  const storedPayments = async (v: Variant): Promise<number> =>
    (
      await h.query<{ n: number }>(
        'payment-intake',
        `SELECT count(*)::int AS n FROM payments p JOIN bundles b USING (bundle_key) WHERE b.msg_id = $1`,
        [v.msgId],
      )
    )[0]?.n ?? 0;

  // `storedBefore`: what the prior document stored under the same bundle id.
  async function expectWhatGoesOn(c: IntakeCase, v: Variant, storedBefore = 0): Promise<void> {
    const e = c.expected;
    // Nothing of a refused document is stored.
    if (e.answer !== 2) expect(await storedPayments(v)).toBe(storedBefore);
    if (e.answer === 0) {
      const [b] = await h.query<{ n: number }>(
        'payment-intake',
        'SELECT count(*)::int AS n FROM bundles WHERE msg_id = $1',
        [v.msgId],
      );
      expect(b?.n).toBe(0);
    }
    for (const suffix of e.proceeds ?? []) {
      await expectEventually(
        async () => expect([suffix, await h.paymentState(v.e2e(suffix))]).toEqual([suffix, 'DISPATCHED']),
        {
          timeoutMs: 60_000,
        },
      );
    }
    for (const r of e.laterRejected ?? []) {
      await expectEventually(
        () => {
          const nine = h.answers.filter((a) => a.code === 9).flatMap((a) => a.transactions);
          expect(nine.filter((t) => t.endToEndId === v.e2e(r.suffix))).toEqual([
            {
              endToEndId: v.e2e(r.suffix),
              status: 'RJCT',
              reasonCode: r.reasonCode,
              reason: asSent(r.reason),
            },
          ]);
        },
        { timeoutMs: 60_000 },
      );
    }
    if (e.paymulAdvice !== undefined) {
      const advice = e.paymulAdvice;
      await expectEventually(() => {
        const texts = h.orders.flatMap((o) =>
          parseWithPublishedEdifactParser(o)
            .filter((s) => s.name === 'FTX' && s.elements[0]?.[0] === 'PMD')
            .map((s) => s.elements[3]?.join(':')),
        );
        expect(texts).toContain(advice);
      });
    }
  }

  async function runIntakeCase(tag: string, path: IntakePath, c: IntakeCase): Promise<void> {
    const v = variant(tag);
    let prior: ReadAnswer[] = [];
    if (c.prior) {
      prior = await send(path, c, v, c.prior(v), 'prior');
      expect(prior.map((a) => [a.code, a.groupStatus])).toEqual(expect.arrayContaining([[1, 'ACTC']]));
    }
    const storedBefore = await storedPayments(v);
    const answers = await send(path, c, v, c.build(v), 'case');
    expectReception(c, v, answers, prior);
    await expectWhatGoesOn(c, v, storedBefore);
  }

  const rows = (prefix: string, cases: readonly IntakeCase[]): [string, IntakePath, string, IntakeCase][] =>
    cases.flatMap((c, i) =>
      (c.paths ?? (['http', 'amqp'] as const)).map((p): [string, IntakePath, string, IntakeCase] => [
        c.name,
        p,
        `${prefix}${i + 1}${p === 'http' ? 'H' : 'A'}`,
        c,
      ]),
    );

  async function expectStillWorking(tag: string): Promise<void> {
    await h.expectAllReady();
    const v = variant(tag);
    const up = await h.upload(writePain001(bundle(v, [payment(v, 'OK')])));
    expect(up.status).toBe(200);
    remember(up.answers);
    expect(up.answers.map((a) => [a.code, a.groupStatus])).toEqual([
      [1, 'ACTC'],
      [2, 'ACTC'],
    ]);
    await expectEventually(async () => expect(await h.paymentState(v.e2e('OK'))).toBe('DISPATCHED'), {
      timeoutMs: 60_000,
    });
  }

  describe('xml', () => {
    const plain = XML_CASES.filter((c) => !c.stream);
    it.each(rows('X', plain))('%s (%s)', async (_name, path, tag, c) => {
      await runIntakeCase(tag, path, c);
    });

    it.each(XML_CASES.filter((c) => c.stream).map((c) => [c.name, c] as const))(
      '%s: refused soon after the limit, the service’s memory bounded',
      async (_name, c) => {
        const v = variant('XS');
        const base = h.rss('payment-intake');
        let peak = base;
        const sampler = setInterval(() => (peak = Math.max(peak, h.rss('payment-intake'))), 20);
        try {
          const up = await h.upload((c.stream as (v: Variant) => AsyncIterable<Buffer>)(v));
          expect(up.status).toBe(413);
          expectReception(c, v, remember(up.answers), []);
          // Refused at the limit, not at the end of a stream that has none.
          expect(up.bytesSent).toBeGreaterThan(TEST_MAX_BUNDLE_BYTES);
          expect(up.bytesSent).toBeLessThan(TEST_MAX_BUNDLE_BYTES + 8 * MIB);
        } finally {
          clearInterval(sampler);
        }
        expect(peak - base).toBeLessThan(96 * MIB);
        await expectWhatGoesOn(c, v);
      },
    );

    it('leaves the services ready, and a normal bundle goes through', async () => {
      await expectStillWorking('NX');
    });
  });

  describe('bundle', () => {
    it.each(rows('B', BUNDLE_CASES))('%s (%s)', async (_name, path, tag, c) => {
      await runIntakeCase(tag, path, c);
    });

    it('leaves the services ready, and a normal bundle goes through', async () => {
      await expectStillWorking('NB');
    });
  });

  describe('payment', () => {
    it.each(rows('P', PAYMENT_CASES))('%s (%s)', async (_name, path, tag, c) => {
      await runIntakeCase(tag, path, c);
    });

    it('leaves the services ready, and a normal bundle goes through', async () => {
      await expectStillWorking('NP');
    });
  });

  describe('bank answers', () => {
    const v = variant('BA');
    const refs = new Map<number, { paymentRef: string; interchangeRef: string }>();
    const context = (i: number): BankContext => {
      const mine = refs.get(i);
      if (!mine) throw new Error(`no payment for case ${i}`);
      return {
        interchangeRef: mine.interchangeRef,
        debitRef: `${mine.interchangeRef}-1`,
        bankEdifactId: FLOW_BANK.edifactId,
        paymentRef: (index) => refs.get(index)?.paymentRef ?? '',
        preparedAt: new Date(),
      };
    };

    beforeAll(async () => {
      // One payment at the bank per case.
      const up = await h.upload(
        writePain001(
          bundle(
            v,
            BANK_ANSWER_CASES.map((_c, i) => payment(v, `B${i}`)),
          ),
        ),
      );
      expect(up.status).toBe(200);
      remember(up.answers);
      const ids = BANK_ANSWER_CASES.map((_c, i) => v.e2e(`B${i}`));
      const sent = await expectEventually(
        async () => {
          const found = await h.query<{
            end_to_end_id: string;
            payment_ref: string;
            interchange_ref: string;
          }>(
            'bank-dispatch',
            `SELECT end_to_end_id, payment_ref, interchange_ref FROM dispatch_payments WHERE end_to_end_id = ANY($1) AND state = 'SENT'`,
            [ids],
          );
          expect(found).toHaveLength(ids.length);
          return found;
        },
        { timeoutMs: 60_000 },
      );
      for (const row of sent) {
        refs.set(ids.indexOf(row.end_to_end_id), {
          paymentRef: row.payment_ref,
          interchangeRef: row.interchange_ref,
        });
      }
    });

    const bankRow = async (documentId: string) =>
      h.query<{ outcome: string; detail: string }>(
        'bank-dispatch',
        'SELECT outcome, detail FROM bank_answers WHERE document_id = $1',
        [documentId],
      );

    it.each(BANK_ANSWER_CASES.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
      const ctx = context(i);
      if (c.prior) {
        const p = c.prior(ctx, i);
        const id = await h.publishAsBank(p.body, { type: p.type });
        await expectEventually(async () => expect((await bankRow(id))[0]?.outcome).toBe('APPLIED'));
        await h.settle();
      }
      const doc = c.build(ctx, i);
      const dlqBefore = await h.dlqDepth('bank-dispatch.bank-answers');
      const id = await h.publishAsBank(doc.body, { type: doc.type, withUserId: doc.withUserId });
      if (doc.redeliver) await h.publishAsBank(doc.body, { type: doc.type, messageId: id });
      const e = c.expected;
      if (e.outcome === 'DEAD_LETTERED') {
        await expectEventually(async () =>
          expect(await h.dlqDepth('bank-dispatch.bank-answers')).toBe(dlqBefore + 1),
        );
        expect(await bankRow(id)).toEqual([]);
      } else {
        const [row] = await expectEventually(async () => {
          const found = await bankRow(id);
          expect(found).toHaveLength(1);
          return found;
        });
        expect(row?.outcome).toBe(e.outcome);
        const detail = typeof e.detail === 'function' ? e.detail(i) : e.detail;
        if (detail instanceof RegExp) expect(row?.detail).toMatch(detail);
        else expect(row?.detail).toBe(detail);
      }
      await h.settle();
      expect((await bankRow(id)).length).toBe(e.outcome === 'DEAD_LETTERED' ? 0 : 1);
      const e2e = v.e2e(`B${i}`);
      const finals = h.answers
        .filter((a) => a.code === 8 || a.code === 9)
        .flatMap((a) =>
          a.transactions.filter((t) => t.endToEndId === e2e).map((t) => [a.code, t.reasonCode]),
        );
      if (e.paymentAnswer === 'NONE' || e.paymentAnswer === undefined) {
        expect(finals).toEqual([]);
        expect(await h.paymentState(e2e)).toBe('DISPATCHED');
      } else {
        expect(finals).toEqual([[e.paymentAnswer.code, e.paymentAnswer.reasonCode]]);
      }
    });

    it('leaves the services ready, and a normal bundle goes through', async () => {
      await expectStillWorking('NA');
    });
  });
});
