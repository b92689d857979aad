import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface PaymentHistory {
  readonly endToEndId: string;
  readonly bundleMsgId: string;
  readonly state: string;
  readonly amountOre: number;
  readonly requestedExecutionDate: string;
  readonly executionDate: string | null;
  readonly accountSource: string | null;
  readonly interchangeRef: string | null;
  readonly answerCode: number | null;
  readonly answerReason: string | null;
  readonly history: readonly {
    at: string;
    service: string;
    state: string;
    answerCode: number | null;
    detail: string | null;
  }[];
}

export interface CountSum {
  readonly count: number;
  readonly sumOre: number;
}

// Per bundle: what came in, and where every accepted payment is now. `balanced` holds when the
// accepted payments are exactly accounted for by their states (nothing lost, nothing counted twice).
export interface BundleReconciliation {
  readonly msgId: string;
  readonly status: string;
  readonly paymentsInBundle: number;
  readonly rejectedAtReception: number;
  readonly accepted: CountSum;
  // received = completed + rejected: enrichment's outcome.
  readonly completed: CountSum;
  readonly rejected: CountSum;
  // received = dispatched + returned + open: where the money went.
  readonly dispatched: CountSum;
  readonly returned: CountSum;
  readonly open: CountSum;
  readonly byState: Readonly<Record<string, CountSum>>;
  readonly answers: Readonly<Record<string, number>>;
  readonly balanced: boolean;
}

const COMPLETED = ['COMPLETED', 'DISPATCHED', 'BANK_ACCEPTED', 'BANK_REJECTED'];
const DISPATCHED = ['DISPATCHED', 'BANK_ACCEPTED', 'BANK_REJECTED'];
const RETURNED = ['NO_ACCOUNT', 'STOPPED'];

@Injectable()
export class PaymentQueries {
  constructor(private readonly dataSource: DataSource) {}

  async whereIs(authorityId: string, endToEndId: string): Promise<PaymentHistory | null> {
    const [p] = (await this.dataSource.query(
      `SELECT p.payment_id, p.end_to_end_id, b.msg_id, p.state, p.amount_ore, to_char(p.requested_execution_date, 'YYYY-MM-DD') AS rd,
              to_char(p.execution_date, 'YYYY-MM-DD') AS ed, p.account_source, p.interchange_ref, p.answer_code, p.answer_reason,
              b.received_at
         FROM payments p JOIN bundles b USING (bundle_key)
        WHERE p.authority_id = $1 AND p.end_to_end_id = $2`,
      [authorityId, endToEndId],
    )) as Record<string, string | null>[];
    if (!p) return null;
    const events = (await this.dataSource.query(
      `SELECT at, service, state, answer_code, detail FROM payment_events WHERE payment_id = $1 ORDER BY seq`,
      [p['payment_id']],
    )) as { at: Date; service: string; state: string; answer_code: number | null; detail: string | null }[];
    return {
      endToEndId: p['end_to_end_id'] ?? '',
      bundleMsgId: p['msg_id'] ?? '',
      state: p['state'] ?? '',
      amountOre: Number(p['amount_ore']),
      requestedExecutionDate: p['rd'] ?? '',
      executionDate: p['ed'] ?? null,
      accountSource: p['account_source'] ?? null,
      interchangeRef: p['interchange_ref'] ?? null,
      answerCode: p['answer_code'] === null ? null : Number(p['answer_code']),
      answerReason: p['answer_reason'] ?? null,
      history: [
        {
          at: new Date(p['received_at'] ?? 0).toISOString(),
          service: 'payment-intake',
          state: 'RECEIVED',
          answerCode: 1,
          detail: `received in bundle ${p['msg_id'] ?? ''}`,
        },
        ...events.map((e) => ({
          at: new Date(e.at).toISOString(),
          service: e.service,
          state: e.state,
          answerCode: e.answer_code,
          detail: e.detail,
        })),
      ],
    };
  }

  async reconcile(authorityId: string, msgId: string): Promise<BundleReconciliation | null> {
    const [b] = (await this.dataSource.query(
      `SELECT bundle_key, status, payment_count, accepted_count, accepted_sum_ore, rejected_count
         FROM bundles WHERE authority_id = $1 AND msg_id = $2`,
      [authorityId, msgId],
    )) as {
      bundle_key: string;
      status: string;
      payment_count: number;
      accepted_count: number;
      accepted_sum_ore: string;
      rejected_count: number;
    }[];
    if (!b) return null;
    const states = (await this.dataSource.query(
      `SELECT state, count(*)::int AS n, coalesce(sum(amount_ore), 0)::bigint AS s FROM payments WHERE bundle_key = $1 GROUP BY state`,
      [b.bundle_key],
    )) as { state: string; n: number; s: string }[];
    const answers = (await this.dataSource.query(
      `SELECT code, sum(payment_count)::int AS n FROM answers WHERE bundle_key = $1 GROUP BY code`,
      [b.bundle_key],
    )) as { code: number; n: number }[];
    const byState = Object.fromEntries(states.map((s) => [s.state, { count: s.n, sumOre: Number(s.s) }]));
    const total = (names: readonly string[]): CountSum =>
      states
        .filter((s) => names.includes(s.state))
        .reduce((t, s) => ({ count: t.count + s.n, sumOre: t.sumOre + Number(s.s) }), {
          count: 0,
          sumOre: 0,
        });
    const accepted = { count: b.accepted_count, sumOre: Number(b.accepted_sum_ore) };
    const all = total(states.map((s) => s.state));
    const completed = total(COMPLETED);
    const rejected = total(RETURNED);
    const dispatched = total(DISPATCHED);
    const open = total(['RECEIVED', 'HELD', 'COMPLETED']);
    const eq = (a: CountSum, b2: CountSum): boolean => a.count === b2.count && a.sumOre === b2.sumOre;
    return {
      msgId,
      status: b.status,
      paymentsInBundle: b.payment_count,
      rejectedAtReception: b.rejected_count,
      accepted,
      completed,
      rejected,
      dispatched,
      returned: rejected,
      open,
      byState,
      answers: Object.fromEntries(answers.map((a) => [String(a.code), a.n])),
      balanced:
        eq(all, accepted) &&
        b.payment_count === b.accepted_count + b.rejected_count &&
        completed.count + rejected.count + total(['RECEIVED', 'HELD']).count === accepted.count,
    };
  }
}
