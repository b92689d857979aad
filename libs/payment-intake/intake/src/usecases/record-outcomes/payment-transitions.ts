import { EntityManager } from 'typeorm';

export type PaymentState =
  | 'RECEIVED'
  | 'HELD'
  | 'COMPLETED'
  | 'DISPATCHED'
  | 'NO_ACCOUNT'
  | 'STOPPED'
  | 'BANK_ACCEPTED'
  | 'BANK_REJECTED';

export interface Transition {
  readonly paymentIds: readonly string[];
  // Per payment: what happened, in words (kept in the history and, for answers, the reason).
  readonly details: readonly string[];
  readonly from: readonly PaymentState[];
  readonly to: PaymentState;
  readonly service: string;
  readonly answerCode?: number;
  // Per payment (e.g. the bank's reason code), optional.
  readonly reasonCodes?: readonly (string | null)[];
  readonly accountSources?: readonly (string | null)[];
  readonly interchangeRef?: string;
  readonly executionDate?: string;
}

export interface TransitionedPayment {
  readonly paymentId: string;
  readonly authorityId: string;
  readonly bundleKey: string;
  readonly msgId: string;
  readonly pmtInfId: string;
  readonly endToEndId: string;
  readonly amountOre: number;
  readonly detail: string;
  readonly reasonCode: string | null;
}

// Moves payments to a new state, but only those in one of the states it may come from: a late,
// repeated or contradictory report changes nothing and is not answered twice. Every transition
// is written to the payment's history in the same statement.
export async function transitionPayments(m: EntityManager, t: Transition): Promise<TransitionedPayment[]> {
  if (t.paymentIds.length === 0) return [];
  const rows = (await m.query(
    `WITH x AS (
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS x(id, detail, reason_code, account_source)
     ), u AS (
       UPDATE payments p
          SET state = $5, updated_at = clock_timestamp(),
              answer_code = coalesce($7::smallint, p.answer_code),
              answer_reason = CASE WHEN $7::smallint IS NULL THEN p.answer_reason ELSE x.detail END,
              account_source = coalesce(x.account_source, p.account_source),
              interchange_ref = coalesce($8, p.interchange_ref),
              execution_date = coalesce($9::date, p.execution_date)
         FROM x
        WHERE p.payment_id = x.id AND p.state = ANY($6::text[])
        RETURNING p.payment_id, p.authority_id, p.bundle_key, p.pmt_inf_id, p.end_to_end_id, p.amount_ore, x.detail, x.reason_code
     ), e AS (
       INSERT INTO payment_events (payment_id, service, state, answer_code, detail)
       SELECT payment_id, $10, $5, $7::smallint, detail FROM u
     )
     SELECT u.*, b.msg_id FROM u JOIN bundles b USING (bundle_key) ORDER BY b.msg_id, u.end_to_end_id`,
    [
      t.paymentIds,
      t.details,
      t.reasonCodes ?? t.paymentIds.map(() => null),
      t.accountSources ?? t.paymentIds.map(() => null),
      t.to,
      t.from,
      t.answerCode ?? null,
      t.interchangeRef ?? null,
      t.executionDate ?? null,
      t.service,
    ],
  )) as {
    payment_id: string;
    authority_id: string;
    bundle_key: string;
    msg_id: string;
    pmt_inf_id: string;
    end_to_end_id: string;
    amount_ore: string;
    detail: string;
    reason_code: string | null;
  }[];
  return rows.map((r) => ({
    paymentId: r.payment_id,
    authorityId: r.authority_id,
    bundleKey: r.bundle_key,
    msgId: r.msg_id,
    pmtInfId: r.pmt_inf_id,
    endToEndId: r.end_to_end_id,
    amountOre: Number(r.amount_ore),
    detail: r.detail,
    reasonCode: r.reason_code,
  }));
}
