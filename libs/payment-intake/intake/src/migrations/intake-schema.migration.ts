import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntakeSchema1764000001000 implements MigrationInterface {
  name = 'IntakeSchema1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE authorities (
        authority_id      text PRIMARY KEY,
        name              text NOT NULL,
        -- The RabbitMQ user that may publish bundles for this authority (broker-validated user-id).
        broker_user       text UNIQUE,
        -- SHA-256 of the bearer token the authority's system uses for HTTPS upload.
        api_token_sha256  text UNIQUE,
        no_account_policy text NOT NULL DEFAULT 'REJECT' CHECK (no_account_policy IN ('REJECT', 'HOLD', 'ERROR_ACCOUNT')),
        hold_days         integer NOT NULL DEFAULT 0,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE authority_debit_accounts (
        authority_id text NOT NULL REFERENCES authorities,
        reg_no       char(4) NOT NULL,
        account_no   char(10) NOT NULL,
        bank_id      text NOT NULL,
        PRIMARY KEY (authority_id, reg_no, account_no)
      )`);
    await q.query(`
      CREATE TABLE bundles (
        bundle_key        uuid PRIMARY KEY,
        authority_id      text NOT NULL REFERENCES authorities,
        msg_id            text NOT NULL,
        content_hash      text NOT NULL,
        status            text NOT NULL CHECK (status IN ('RECEIVED', 'REJECTED')),
        rejection_code    text,
        rejection_reason  text,
        payment_count     integer NOT NULL,
        accepted_count    integer NOT NULL,
        rejected_count    integer NOT NULL,
        accepted_sum_ore  bigint NOT NULL,
        received_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (authority_id, msg_id)
      )`);
    await q.query(`
      CREATE TABLE payments (
        payment_id               uuid PRIMARY KEY,
        bundle_key               uuid NOT NULL REFERENCES bundles,
        authority_id             text NOT NULL,
        end_to_end_id            text NOT NULL,
        bundle_index             integer NOT NULL,
        amount_ore               bigint NOT NULL CHECK (amount_ore > 0),
        creditor_kind            text NOT NULL,
        creditor_id              text NOT NULL,
        creditor_account         jsonb,
        benefit_type             text NOT NULL,
        requested_execution_date date NOT NULL,
        debit_reg_no             char(4) NOT NULL,
        debit_account_no         char(10) NOT NULL,
        advice_text              text,
        state                    text NOT NULL DEFAULT 'RECEIVED',
        UNIQUE (authority_id, end_to_end_id)
      )`);
    await q.query(`CREATE INDEX payments_bundle_idx ON payments (bundle_key)`);
    await q.query(`
      CREATE TABLE payment_rejections (
        bundle_key    uuid NOT NULL REFERENCES bundles,
        bundle_index  integer NOT NULL,
        pmt_inf_id    text NOT NULL,
        end_to_end_id text NOT NULL,
        code          text NOT NULL,
        reason        text NOT NULL,
        PRIMARY KEY (bundle_key, bundle_index)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment_rejections`);
    await q.query(`DROP TABLE payments`);
    await q.query(`DROP TABLE bundles`);
    await q.query(`DROP TABLE authority_debit_accounts`);
    await q.query(`DROP TABLE authorities`);
  }
}
