import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeOutcomes1764000001100 implements MigrationInterface {
  name = 'IntakeOutcomes1764000001100';

  async up(q: QueryRunner): Promise<void> {
    // Every answer document issued to an authority, once: the id is derived from what it answers,
    // so a redelivered message or a resent bundle finds its answer here and sends nothing new.
    await q.query(`
      CREATE TABLE answers (
        answer_id     text PRIMARY KEY,
        authority_id  text NOT NULL REFERENCES authorities,
        code          smallint NOT NULL CHECK (code IN (0, 1, 2, 5, 7, 8, 9)),
        bundle_key    uuid,
        msg_id        text,
        payment_count integer NOT NULL,
        document      text NOT NULL,
        issued_at     timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX answers_bundle_idx ON answers (bundle_key, code)`);
    // A payment's way through the services, as intake learns it (where-is-my-payment).
    await q.query(`
      CREATE TABLE payment_events (
        payment_id   uuid NOT NULL REFERENCES payments,
        seq          bigint GENERATED ALWAYS AS IDENTITY,
        at           timestamptz NOT NULL DEFAULT clock_timestamp(),
        service      text NOT NULL,
        state        text NOT NULL,
        answer_code  smallint,
        detail       text,
        PRIMARY KEY (payment_id, seq)
      )`);
    // The error account for policy ERROR_ACCOUNT ({ kind: 'DK', regNo, accountNo }).
    await q.query(`ALTER TABLE authorities ADD COLUMN error_account jsonb`);
    await q.query(`
      ALTER TABLE authorities ADD CONSTRAINT authorities_policy_check CHECK (
        (no_account_policy <> 'HOLD' OR hold_days BETWEEN 1 AND 90) AND
        (no_account_policy <> 'ERROR_ACCOUNT' OR error_account IS NOT NULL))`);
    await q.query(`ALTER TABLE payments ADD COLUMN pmt_inf_id text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE payments ADD COLUMN answer_code smallint`);
    await q.query(`ALTER TABLE payments ADD COLUMN answer_reason text`);
    await q.query(`ALTER TABLE payments ADD COLUMN account_source text`);
    await q.query(`ALTER TABLE payments ADD COLUMN execution_date date`);
    await q.query(`ALTER TABLE payments ADD COLUMN interchange_ref text`);
    await q.query(
      `ALTER TABLE payments ADD COLUMN updated_at timestamptz NOT NULL DEFAULT clock_timestamp()`,
    );
    await q.query(`
      ALTER TABLE payments ADD CONSTRAINT payments_state_check CHECK (state IN
        ('RECEIVED', 'HELD', 'COMPLETED', 'DISPATCHED', 'NO_ACCOUNT', 'STOPPED', 'BANK_ACCEPTED', 'BANK_REJECTED'))`);
    await q.query(`
      CREATE TABLE stop_requests (
        authority_id  text NOT NULL REFERENCES authorities,
        msg_id        text NOT NULL,
        content_hash  text NOT NULL,
        received_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (authority_id, msg_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stop_requests`);
    await q.query(`ALTER TABLE payments DROP CONSTRAINT payments_state_check`);
    await q.query(`ALTER TABLE authorities DROP CONSTRAINT authorities_policy_check`);
    await q.query(`ALTER TABLE authorities DROP COLUMN error_account`);
    for (const c of [
      'updated_at',
      'interchange_ref',
      'execution_date',
      'account_source',
      'answer_reason',
      'answer_code',
      'pmt_inf_id',
    ])
      await q.query(`ALTER TABLE payments DROP COLUMN ${c}`);
    await q.query(`DROP TABLE payment_events`);
    await q.query(`DROP TABLE answers`);
  }
}
