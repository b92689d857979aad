import { MigrationInterface, QueryRunner } from 'typeorm';

export class DispatchSchema1764000004000 implements MigrationInterface {
  name = 'DispatchSchema1764000004000';

  async up(q: QueryRunner): Promise<void> {
    // The authorities' banks: who they are on the broker and in EDIFACT, which reg.nr ranges they
    // own, and their cut-off for same-day execution (Danish time).
    await q.query(`
      CREATE TABLE banks (
        bank_id           text PRIMARY KEY CHECK (bank_id ~ '^[A-Za-z0-9_-]{1,50}$'),
        name              text NOT NULL,
        bic               text,
        broker_user       text UNIQUE,
        edifact_id        text NOT NULL,
        order_format      text NOT NULL DEFAULT 'PAYMUL' CHECK (order_format IN ('PAYMUL')),
        cutoff_time       time NOT NULL DEFAULT '12:00',
        lead_banking_days integer NOT NULL DEFAULT 0 CHECK (lead_banking_days BETWEEN 0 AND 10),
        max_advice_length integer NOT NULL DEFAULT 140 CHECK (max_advice_length BETWEEN 20 AND 140),
        max_per_interchange integer NOT NULL DEFAULT 10000 CHECK (max_per_interchange BETWEEN 1 AND 100000)
      )`);
    await q.query(`
      CREATE TABLE bank_reg_ranges (
        bank_id  text NOT NULL REFERENCES banks,
        reg_from integer NOT NULL CHECK (reg_from BETWEEN 0 AND 9999),
        reg_to   integer NOT NULL CHECK (reg_to BETWEEN 0 AND 9999),
        PRIMARY KEY (reg_from),
        CHECK (reg_from <= reg_to)
      )`);
    await q.query(`
      CREATE TABLE dispatch_payments (
        payment_id        uuid PRIMARY KEY,
        authority_id      text NOT NULL,
        end_to_end_id     text NOT NULL,
        bundle_key        uuid NOT NULL,
        bank_id           text REFERENCES banks,
        debit_reg_no      char(4) NOT NULL,
        debit_account_no  char(10) NOT NULL,
        requested_date    date NOT NULL,
        execution_date    date NOT NULL,
        amount_ore        bigint NOT NULL CHECK (amount_ore > 0),
        creditor          jsonb NOT NULL,
        creditor_account  jsonb NOT NULL,
        creditor_name     text,
        advice_text       text,
        state             text NOT NULL CHECK (state IN ('SCHEDULED', 'SENT', 'ACCEPTED', 'REJECTED', 'CANCELLED')),
        interchange_ref   text,
        payment_ref       text UNIQUE,
        reason_code       text,
        reason            text,
        received_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at        timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`
      CREATE INDEX dispatch_payments_due_idx ON dispatch_payments (bank_id, execution_date, debit_reg_no, debit_account_no)
       WHERE state = 'SCHEDULED'`);
    await q.query(`CREATE INDEX dispatch_payments_interchange_idx ON dispatch_payments (interchange_ref)`);
    // Every interchange as sent, so it can be re-sent byte for byte with the same control reference.
    await q.query(`CREATE SEQUENCE interchange_seq`);
    await q.query(`
      CREATE TABLE interchanges (
        control_ref      text PRIMARY KEY,
        bank_id          text NOT NULL REFERENCES banks,
        debit_reg_no     char(4) NOT NULL,
        debit_account_no char(10) NOT NULL,
        execution_date   date NOT NULL,
        format           text NOT NULL,
        payment_count    integer NOT NULL,
        total_ore        bigint NOT NULL,
        document         text NOT NULL,
        status           text NOT NULL DEFAULT 'SENT' CHECK (status IN ('SENT', 'RECEIVED', 'ACCEPTED', 'REJECTED')),
        created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
        answered_at      timestamptz,
        resent_count     integer NOT NULL DEFAULT 0
      )`);
    // Stop requests for payments dispatch has not seen yet: they are cancelled when they arrive.
    await q.query(`
      CREATE TABLE stop_tombstones (
        payment_id     uuid PRIMARY KEY,
        authority_id   text NOT NULL,
        request_msg_id text NOT NULL,
        at             timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    // Every answer a bank sent, with what we made of it (unreadable and unmatched ones included).
    await q.query(`
      CREATE TABLE bank_answers (
        bank_id      text NOT NULL,
        document_id  text NOT NULL,
        kind         text,
        answer_ref   text,
        outcome      text NOT NULL,
        detail       text,
        body         text NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (bank_id, document_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'bank_answers',
      'stop_tombstones',
      'interchanges',
      'dispatch_payments',
      'bank_reg_ranges',
      'banks',
    ])
      await q.query(`DROP TABLE ${t}`);
    await q.query(`DROP SEQUENCE interchange_seq`);
  }
}
