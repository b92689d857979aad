import { PaymentsReceivedV1 } from '@nemkonto/contracts';
import { ValidPayment, ValidPaymentInfo } from '@nemkonto/payment-intake-pain001';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { RejectedPayment } from './receive-bundle.result';

export interface PendingPayment {
  readonly payment: ValidPayment;
  readonly info: ValidPaymentInfo;
}

// Set-based SQL for the hot path: a thousand payments per statement.
export class PaymentsRepository {
  // Inserts new payments; returns the indexes whose EndToEndId the authority already used.
  async insert(
    m: EntityManager,
    bundleKey: string,
    authorityId: string,
    batch: readonly PendingPayment[],
  ): Promise<Set<number>> {
    if (batch.length === 0) return new Set();
    const rows = (await m.query(
      `INSERT INTO payments (payment_id, bundle_key, authority_id, end_to_end_id, bundle_index, amount_ore, creditor_kind, creditor_id,
                             creditor_account, benefit_type, requested_execution_date, debit_reg_no, debit_account_no, advice_text, pmt_inf_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::text[], $8::text[],
                            $9::jsonb[], $10::text[], $11::date[], $12::text[], $13::text[], $14::text[], $15::text[])
       ON CONFLICT (authority_id, end_to_end_id) DO NOTHING
       RETURNING bundle_index`,
      [
        batch.map(() => randomUUID()),
        batch.map(() => bundleKey),
        batch.map(() => authorityId),
        batch.map((p) => p.payment.endToEndId),
        batch.map((p) => p.payment.index),
        batch.map((p) => p.payment.amountOre),
        batch.map((p) => p.payment.creditor.kind),
        batch.map((p) => p.payment.creditor.value),
        batch.map((p) => (p.payment.creditorAccount ? JSON.stringify(p.payment.creditorAccount) : null)),
        batch.map((p) => p.payment.benefitType),
        batch.map((p) => p.info.requestedExecutionDate),
        batch.map((p) => p.info.debitRegNo),
        batch.map((p) => p.info.debitAccountNo),
        batch.map((p) => p.payment.adviceText),
        batch.map((p) => p.info.pmtInfId),
      ],
    )) as { bundle_index: number }[];
    const inserted = new Set(rows.map((r) => r.bundle_index));
    return new Set(batch.map((p) => p.payment.index).filter((i) => !inserted.has(i)));
  }

  async insertRejections(
    m: EntityManager,
    bundleKey: string,
    rejected: readonly RejectedPayment[],
  ): Promise<void> {
    if (rejected.length === 0) return;
    await m.query(
      `INSERT INTO payment_rejections (bundle_key, bundle_index, pmt_inf_id, end_to_end_id, code, reason)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        bundleKey,
        rejected.map((r) => r.index),
        rejected.map((r) => r.pmtInfId),
        rejected.map((r) => r.endToEndId),
        rejected.map((r) => r.code),
        rejected.map((r) => r.reason),
      ],
    );
  }

  async debitGroups(
    m: EntityManager,
    bundleKey: string,
  ): Promise<{ regNo: string; accountNo: string; count: number }[]> {
    const rows = (await m.query(
      `SELECT debit_reg_no, debit_account_no, count(*)::int AS n FROM payments WHERE bundle_key = $1
        GROUP BY debit_reg_no, debit_account_no ORDER BY debit_reg_no, debit_account_no`,
      [bundleKey],
    )) as { debit_reg_no: string; debit_account_no: string; n: number }[];
    return rows.map((r) => ({ regNo: r.debit_reg_no, accountNo: r.debit_account_no, count: r.n }));
  }

  // One debit account's accepted payments in document order, a page at a time (keyset
  // pagination: memory stays at one page however large the bundle).
  async *pages(
    m: EntityManager,
    bundleKey: string,
    regNo: string,
    accountNo: string,
    size: number,
  ): AsyncGenerator<ReceivedPayment[]> {
    let after = -1;
    for (;;) {
      const rows = (await m.query(
        `SELECT payment_id, end_to_end_id, bundle_index, amount_ore, creditor_kind, creditor_id, creditor_account, benefit_type,
                to_char(requested_execution_date, 'YYYY-MM-DD') AS requested_execution_date, advice_text
           FROM payments WHERE bundle_key = $1 AND debit_reg_no = $2 AND debit_account_no = $3 AND bundle_index > $4
          ORDER BY bundle_index LIMIT $5`,
        [bundleKey, regNo, accountNo, after, size],
      )) as PaymentRow[];
      if (rows.length === 0) return;
      after = rows.at(-1)?.bundle_index ?? after;
      yield rows.map((r) => ({
        paymentId: r.payment_id,
        endToEndId: r.end_to_end_id,
        amountOre: Number(r.amount_ore),
        creditor: { kind: r.creditor_kind, value: r.creditor_id },
        creditorAccount: r.creditor_account,
        benefitType: r.benefit_type,
        requestedExecutionDate: r.requested_execution_date,
        adviceText: r.advice_text,
      }));
      if (rows.length < size) return;
    }
  }
}

type ReceivedPayment = PaymentsReceivedV1['payments'][number];

interface PaymentRow {
  payment_id: string;
  end_to_end_id: string;
  bundle_index: number;
  amount_ore: string;
  creditor_kind: 'CPR' | 'CVR' | 'SE' | 'P';
  creditor_id: string;
  creditor_account: PaymentsReceivedV1['payments'][number]['creditorAccount'];
  benefit_type: string;
  requested_execution_date: string;
  advice_text: string | null;
}
