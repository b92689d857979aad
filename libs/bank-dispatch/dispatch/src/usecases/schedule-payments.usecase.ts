import {
  PaymentsBankStatusV1,
  PaymentsCompletedV1,
  PaymentsStopRequestedV1,
  PaymentsStopResultV1,
} from '@nemkonto/contracts';
import { DanishBankingCalendar, copenhagenWallClock, parseTimeOfDay } from '@nemkonto/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { earliestExecutionDate, executionDateFor } from '../execution-date';

export const calendar = new DanishBankingCalendar();

// A payment's reference towards the bank (RFF+CR, echoed in BANSTA): its id without dashes,
// 32 characters, unique across authorities (EndToEndId is only unique per authority).
export const paymentRef = (paymentId: string): string => paymentId.replace(/-/g, '');

export interface ScheduleOutcome {
  readonly scheduled: number;
  readonly cancelled: number;
  // Payments no bank can take (no bank owns the debit reg.nr): rejected at once.
  readonly rejected: PaymentsBankStatusV1 | null;
}

// Takes completed payments into the dispatch schedule, each with its bank (by the debit account's
// reg.nr) and execution date. Payments stopped before they arrived are cancelled on arrival.
@Injectable()
export class SchedulePaymentsUseCase {
  async schedule(m: EntityManager, chunk: PaymentsCompletedV1, now: Date): Promise<ScheduleOutcome> {
    if (chunk.completed.length === 0) return { scheduled: 0, cancelled: 0, rejected: null };
    const [bank] = (await m.query(
      `SELECT b.bank_id, to_char(b.cutoff_time, 'HH24:MI') AS cutoff
         FROM bank_reg_ranges r JOIN banks b USING (bank_id)
        WHERE $1::int BETWEEN r.reg_from AND r.reg_to`,
      [Number(chunk.debitAccount.regNo)],
    )) as { bank_id: string; cutoff: string }[];
    const earliest = earliestExecutionDate(
      calendar,
      copenhagenWallClock(now),
      parseTimeOfDay(bank?.cutoff ?? '12:00'),
    );
    const p = chunk.completed;
    // A chunk's payments share a few requested dates: each is worked out once.
    const dates = new Map<string, string>();
    const executionDate = (requested: string): string => {
      let date = dates.get(requested);
      if (date === undefined) dates.set(requested, (date = executionDateFor(calendar, requested, earliest)));
      return date;
    };
    const rows = (await m.query(
      `WITH x AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[], $5::bigint[], $6::json[], $7::json[], $8::text[], $9::text[])
           AS x(payment_id, end_to_end_id, requested_date, execution_date, amount_ore, creditor, creditor_account, creditor_name, advice_text)
       )
       INSERT INTO dispatch_payments (payment_id, authority_id, end_to_end_id, bundle_key, bank_id, debit_reg_no, debit_account_no,
                                      requested_date, execution_date, amount_ore, creditor, creditor_account, creditor_name, advice_text,
                                      state, payment_ref, reason_code, reason)
       SELECT x.payment_id, $10::text, x.end_to_end_id, $11::uuid, $12::text, $13::text, $14::text, x.requested_date, x.execution_date, x.amount_ore, x.creditor,
              x.creditor_account, x.creditor_name, x.advice_text,
              CASE WHEN t.payment_id IS NOT NULL THEN 'CANCELLED' WHEN $12::text IS NULL THEN 'REJECTED' ELSE 'SCHEDULED' END,
              replace(x.payment_id::text, '-', ''),
              CASE WHEN t.payment_id IS NOT NULL THEN 'STOPPED' WHEN $12::text IS NULL THEN 'NO_BANK' END,
              CASE WHEN t.payment_id IS NOT NULL THEN 'stopped by request ' || t.request_msg_id
                   WHEN $12::text IS NULL THEN 'no bank is registered for the debit account''s reg.nr ' || $13::text END
         FROM x LEFT JOIN stop_tombstones t USING (payment_id)
       ON CONFLICT (payment_id) DO NOTHING
       RETURNING payment_id, end_to_end_id, state, reason`,
      [
        p.map((x) => x.paymentId),
        p.map((x) => x.endToEndId),
        p.map((x) => x.requestedExecutionDate),
        p.map((x) => executionDate(x.requestedExecutionDate)),
        p.map((x) => x.amountOre),
        p.map((x) => JSON.stringify(x.creditor)),
        p.map((x) => JSON.stringify(x.creditorAccount)),
        p.map((x) => x.creditorName),
        p.map((x) => x.adviceText),
        chunk.authorityId,
        chunk.bundleKey,
        bank?.bank_id ?? null,
        chunk.debitAccount.regNo,
        chunk.debitAccount.accountNo,
      ],
    )) as { payment_id: string; end_to_end_id: string; state: string; reason: string | null }[];
    const rejected = rows.filter((r) => r.state === 'REJECTED');
    return {
      scheduled: rows.filter((r) => r.state === 'SCHEDULED').length,
      cancelled: rows.filter((r) => r.state === 'CANCELLED').length,
      rejected:
        rejected.length === 0
          ? null
          : {
              bankId: 'none',
              interchangeRef: 'none',
              statuses: rejected.map((r) => ({
                paymentId: r.payment_id,
                authorityId: chunk.authorityId,
                endToEndId: r.end_to_end_id,
                status: 'REJECTED' as const,
                reasonCode: 'NO_BANK',
                reason: r.reason ?? 'no bank for the debit account',
              })),
            },
    };
  }

  // Stops what has not left for the bank. Payments not seen yet get a tombstone (cancelled when
  // they arrive); payments sent already are refused with where they went.
  async stop(m: EntityManager, req: PaymentsStopRequestedV1): Promise<PaymentsStopResultV1> {
    const ids = req.payments.map((p) => p.paymentId);
    const rows = (await m.query(
      `SELECT payment_id, state, interchange_ref, to_char(execution_date, 'YYYY-MM-DD') AS execution_date
         FROM dispatch_payments WHERE payment_id = ANY($1::uuid[]) AND authority_id = $2 FOR UPDATE`,
      [ids, req.authorityId],
    )) as { payment_id: string; state: string; interchange_ref: string | null; execution_date: string }[];
    const byId = new Map(rows.map((r) => [r.payment_id, r]));
    await m.query(
      `UPDATE dispatch_payments SET state = 'CANCELLED', reason_code = 'STOPPED', reason = $2, updated_at = clock_timestamp()
        WHERE payment_id = ANY($1::uuid[]) AND state = 'SCHEDULED'`,
      [
        rows.filter((r) => r.state === 'SCHEDULED').map((r) => r.payment_id),
        `stopped by request ${req.requestMsgId}`,
      ],
    );
    const unseen = req.payments.filter((p) => !byId.has(p.paymentId));
    await m.query(
      `INSERT INTO stop_tombstones (payment_id, authority_id, request_msg_id)
       SELECT unnest($1::uuid[]), $2, $3 ON CONFLICT (payment_id) DO NOTHING`,
      [unseen.map((p) => p.paymentId), req.authorityId, req.requestMsgId],
    );
    return {
      authorityId: req.authorityId,
      requestMsgId: req.requestMsgId,
      results: req.payments.map((p) => {
        const row = byId.get(p.paymentId);
        if (!row) return { ...p, stopped: true, reason: 'stopped before it was scheduled for the bank' };
        if (row.state === 'SCHEDULED' || row.state === 'CANCELLED')
          return {
            ...p,
            stopped: true,
            reason: `stopped before it was sent to the bank (execution date ${row.execution_date})`,
          };
        if (row.state === 'REJECTED')
          return { ...p, stopped: false, reason: 'the payment was already rejected' };
        return {
          ...p,
          stopped: false,
          reason: `already sent to the bank in interchange ${row.interchange_ref ?? '?'} for ${row.execution_date}`,
        };
      }),
    };
  }
}
