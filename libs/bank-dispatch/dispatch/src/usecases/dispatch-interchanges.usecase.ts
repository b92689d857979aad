import {
  AccountDto,
  MAX_PAYMENTS_PER_CHUNK,
  PartnerDocumentTypes,
  PartnerExchanges,
  PaymentsBankStatusV1,
} from '@nemkonto/contracts';
import {
  BeneficiaryAccount,
  PaymulCredit,
  PaymulInterchange,
  toLatin1Text,
  writeBankPain001,
  writePaymul,
} from '@nemkonto/bank-dispatch-edifact';
import { copenhagenWallClock, parseTimeOfDay } from '@nemkonto/domain';
import { Outbox } from '@nemkonto/platform-messaging';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { dueUntil, earliestExecutionDate } from '../execution-date';
import { calendar } from './schedule-payments.usecase';

export const NEMKONTO_EDIFACT_ID = 'NEMKONTO';

interface BankRow {
  bank_id: string;
  order_format: 'PAYMUL' | 'PAIN001';
  name: string;
  edifact_id: string;
  cutoff: string;
  lead_banking_days: number;
  max_advice_length: number;
  max_per_interchange: number;
}

interface Group {
  debit_reg_no: string;
  debit_account_no: string;
  execution_date: string;
}

interface DuePayment {
  payment_id: string;
  authority_id: string;
  end_to_end_id: string;
  amount_ore: string;
  creditor_account: AccountDto;
  creditor_name: string | null;
  advice_text: string | null;
  payment_ref: string;
}

export interface DispatchSummary {
  readonly interchanges: number;
  readonly payments: number;
  readonly totalOre: number;
  readonly rejected: number;
}

function beneficiary(account: AccountDto): BeneficiaryAccount {
  if (account.kind === 'DK') return { kind: 'DK', regNo: account.regNo, accountNo: account.accountNo };
  if (account.iban) return { kind: 'IBAN', iban: account.iban, bic: account.bic, country: account.country };
  return {
    kind: 'OTHER',
    accountNo: account.accountNo ?? '',
    bankCode: account.bankCode,
    bic: account.bic,
    country: account.country,
  };
}

// Sends what is due: per bank, per (debit account, execution date), up to the bank's maximum per
// interchange, one PAYMUL interchange with a unique control reference. The interchange is stored,
// its payments marked sent, and the document and the payments.dispatched events written to the
// outbox, all in one transaction. A payment whose text cannot be written in Latin-1 (after
// transliteration) or is too long for the bank is rejected with the reason, not sent.
@Injectable()
export class DispatchInterchangesUseCase {
  private readonly logger = new Logger(DispatchInterchangesUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async dispatchDue(now: Date): Promise<DispatchSummary> {
    const banks = (await this.dataSource.query(
      `SELECT bank_id, name, order_format, edifact_id, to_char(cutoff_time, 'HH24:MI') AS cutoff, lead_banking_days, max_advice_length, max_per_interchange
         FROM banks ORDER BY bank_id`,
    )) as BankRow[];
    const total = { interchanges: 0, payments: 0, totalOre: 0, rejected: 0 };
    const clock = copenhagenWallClock(now);
    for (const bank of banks) {
      const earliest = earliestExecutionDate(calendar, clock, parseTimeOfDay(bank.cutoff));
      // Payments whose execution date has become impossible (cut-off passed) move to the earliest.
      await this.dataSource.query(
        `UPDATE dispatch_payments SET execution_date = $2, updated_at = clock_timestamp()
          WHERE bank_id = $1 AND state = 'SCHEDULED' AND execution_date < $2`,
        [bank.bank_id, earliest],
      );
      const groups = (await this.dataSource.query(
        `SELECT debit_reg_no, debit_account_no, to_char(execution_date, 'YYYY-MM-DD') AS execution_date
           FROM dispatch_payments WHERE bank_id = $1 AND state = 'SCHEDULED' AND execution_date <= $2
          GROUP BY 1, 2, 3 ORDER BY 3, 1, 2`,
        [bank.bank_id, dueUntil(calendar, earliest, bank.lead_banking_days)],
      )) as Group[];
      for (const group of groups) {
        for (;;) {
          const sent = await this.dataSource.transaction((m) => this.sendOne(m, bank, group, now));
          if (sent === null) break;
          total.interchanges += sent.payments > 0 ? 1 : 0;
          total.payments += sent.payments;
          total.totalOre += sent.totalOre;
          total.rejected += sent.rejected;
        }
      }
    }
    return total;
  }

  private async sendOne(
    m: EntityManager,
    bank: BankRow,
    group: Group,
    now: Date,
  ): Promise<{ payments: number; totalOre: number; rejected: number } | null> {
    const due = (await m.query(
      `SELECT payment_id, authority_id, end_to_end_id, amount_ore, creditor_account, creditor_name, advice_text, payment_ref
         FROM dispatch_payments
        WHERE bank_id = $1 AND state = 'SCHEDULED' AND debit_reg_no = $2 AND debit_account_no = $3 AND execution_date = $4
        ORDER BY bundle_key, end_to_end_id LIMIT $5 FOR UPDATE SKIP LOCKED`,
      [
        bank.bank_id,
        group.debit_reg_no,
        group.debit_account_no,
        group.execution_date,
        bank.max_per_interchange,
      ],
    )) as DuePayment[];
    if (due.length === 0) return null;
    const credits: PaymulCredit[] = [];
    const sent: DuePayment[] = [];
    const refused: { p: DuePayment; code: string; reason: string }[] = [];
    for (const p of due) {
      const advice = p.advice_text === null ? null : toLatin1Text(p.advice_text);
      const name = toLatin1Text(p.creditor_name ?? 'NemKonto recipient');
      if (advice && !advice.ok)
        refused.push({ p, code: 'TEXT_NOT_LATIN1', reason: `advice text: ${advice.reason}` });
      else if (!name.ok)
        refused.push({ p, code: 'TEXT_NOT_LATIN1', reason: `recipient name: ${name.reason}` });
      else if (advice && advice.text.length > bank.max_advice_length)
        refused.push({
          p,
          code: 'ADVICE_TOO_LONG',
          reason: `advice text is longer than the bank's ${bank.max_advice_length} characters`,
        });
      else {
        sent.push(p);
        credits.push({
          amountOre: Number(p.amount_ore),
          endToEndRef: p.payment_ref,
          beneficiary: beneficiary(p.creditor_account),
          beneficiaryName: name.text.slice(0, 35),
          adviceText: advice?.text ?? null,
        });
      }
    }
    if (refused.length > 0) await this.reject(m, bank.bank_id, refused);
    if (sent.length === 0) return { payments: 0, totalOre: 0, rejected: refused.length };
    const [{ seq } = { seq: '0' }] = (await m.query(`SELECT nextval('interchange_seq')::text AS seq`)) as {
      seq: string;
    }[];
    const controlRef = `NK${seq.padStart(12, '0')}`;
    const order: PaymulInterchange = {
      controlRef,
      senderId: NEMKONTO_EDIFACT_ID,
      recipientId: bank.edifact_id,
      partyQualifier: 'ZZ',
      preparedAt: now,
      messageRef: '1',
      documentNo: controlRef,
      maxAdviceLength: bank.max_advice_length,
      debits: [
        {
          executionDate: group.execution_date,
          reference: `${controlRef}-1`,
          debitRegNo: group.debit_reg_no,
          debitAccountNo: group.debit_account_no,
          debtorName: 'NemKonto',
          credits,
        },
      ],
    };
    // The bank's chosen format: PAYMUL (ISO 8859-1) or pain.001 (UTF-8), same content and refs.
    const pain001 = bank.order_format === 'PAIN001';
    const written = pain001 ? writeBankPain001(order) : writePaymul(order);
    await m.query(
      `INSERT INTO interchanges (control_ref, bank_id, debit_reg_no, debit_account_no, execution_date, format, payment_count, total_ore, document)
       VALUES ($1, $2, $3, $4, $5, $9, $6, $7, $8)`,
      [
        controlRef,
        bank.bank_id,
        group.debit_reg_no,
        group.debit_account_no,
        group.execution_date,
        written.creditCount,
        written.totalOre,
        written.text,
        bank.order_format,
      ],
    );
    await m.query(
      `UPDATE dispatch_payments SET state = 'SENT', interchange_ref = $2, updated_at = clock_timestamp() WHERE payment_id = ANY($1::uuid[])`,
      [sent.map((p) => p.payment_id), controlRef],
    );
    await this.outbox.enqueueDocuments(m, [
      {
        documentId: controlRef,
        exchange: PartnerExchanges.bankOrders,
        routingKey: bank.bank_id,
        type: pain001 ? PartnerDocumentTypes.pain001 : PartnerDocumentTypes.paymul,
        text: written.text,
        charset: pain001 ? 'utf-8' : 'iso-8859-1',
        contentType: pain001 ? 'application/xml' : 'application/EDIFACT',
        correlationId: controlRef,
      },
    ]);
    const messages = [];
    for (let i = 0; i < sent.length; i += MAX_PAYMENTS_PER_CHUNK) {
      messages.push({
        type: 'payments.dispatched' as const,
        payload: {
          bankId: bank.bank_id,
          interchangeRef: controlRef,
          executionDate: group.execution_date,
          payments: sent.slice(i, i + MAX_PAYMENTS_PER_CHUNK).map((p) => ({
            paymentId: p.payment_id,
            authorityId: p.authority_id,
            endToEndId: p.end_to_end_id,
            amountOre: Number(p.amount_ore),
          })),
        },
      });
    }
    await this.outbox.enqueueMany(m, messages, { correlationId: controlRef });
    this.logger.log(
      {
        bank: bank.bank_id,
        controlRef,
        payments: written.creditCount,
        totalOre: written.totalOre,
        executionDate: group.execution_date,
      },
      'interchange sent',
    );
    return { payments: written.creditCount, totalOre: written.totalOre, rejected: refused.length };
  }

  private async reject(
    m: EntityManager,
    bankId: string,
    refused: { p: DuePayment; code: string; reason: string }[],
  ): Promise<void> {
    await m.query(
      `UPDATE dispatch_payments d SET state = 'REJECTED', reason_code = x.code, reason = x.reason, updated_at = clock_timestamp()
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(id, code, reason) WHERE d.payment_id = x.id`,
      [refused.map((r) => r.p.payment_id), refused.map((r) => r.code), refused.map((r) => r.reason)],
    );
    const statuses: PaymentsBankStatusV1['statuses'] = refused.map((r) => ({
      paymentId: r.p.payment_id,
      authorityId: r.p.authority_id,
      endToEndId: r.p.end_to_end_id,
      status: 'REJECTED',
      reasonCode: r.code,
      reason: r.reason.slice(0, 200),
    }));
    for (let i = 0; i < statuses.length; i += MAX_PAYMENTS_PER_CHUNK) {
      await this.outbox.enqueue(m, 'payments.bank-status', {
        bankId,
        interchangeRef: 'none',
        statuses: statuses.slice(i, i + MAX_PAYMENTS_PER_CHUNK),
      });
    }
  }
}
