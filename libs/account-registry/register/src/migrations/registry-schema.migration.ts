import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistrySchema1764000003000 implements MigrationInterface {
  name = 'RegistrySchema1764000003000';

  async up(q: QueryRunner): Promise<void> {
    // One row per CPR, CVR, SE or P number. `version` counts the party's register changes (the
    // per-party version of registry.account-changed); the row is the lock that serialises them.
    await q.query(`
      CREATE TABLE parties (
        party_kind      text NOT NULL CHECK (party_kind IN ('CPR', 'CVR', 'SE', 'P')),
        party_id        text NOT NULL,
        version         integer NOT NULL DEFAULT 0,
        status          text NOT NULL DEFAULT 'ACTIVE',
        status_date     date,
        end_marked_from date,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (party_kind, party_id)
      )`);
    // Every account ever assigned, never overwritten: a change adds a version and closes the
    // interval of the one in force. PENDING waits for activation; ACTIVE is in force from
    // effective_from to effective_to (open: still in force); CANCELLED was replaced before it took
    // effect; EXPIRED was never activated in time.
    await q.query(`
      CREATE TABLE account_versions (
        version_id       uuid PRIMARY KEY,
        party_kind       text NOT NULL,
        party_id         text NOT NULL,
        purpose          text NOT NULL CHECK (purpose IN ('NEMKONTO', 'BENEFIT_SPECIFIC')),
        authority_id     text,
        benefit_type     text,
        account          jsonb NOT NULL,
        state            text NOT NULL CHECK (state IN ('PENDING', 'ACTIVE', 'CANCELLED', 'EXPIRED')),
        channel          text NOT NULL,
        actor            text NOT NULL,
        reason           text,
        registered_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        activated_at     timestamptz,
        effective_from   date,
        effective_to     date,
        activation_code_sha256 text,
        activation_expires_at  timestamptz,
        FOREIGN KEY (party_kind, party_id) REFERENCES parties,
        CHECK ((purpose = 'NEMKONTO') = (authority_id IS NULL AND benefit_type IS NULL))
      )`);
    await q.query(
      `CREATE INDEX account_versions_party_idx ON account_versions (party_kind, party_id, purpose, registered_at)`,
    );
    await q.query(
      `CREATE INDEX account_versions_pending_idx ON account_versions (activation_expires_at) WHERE state = 'PENDING'`,
    );
    // Who may act for which accounts: banks by their reg.nr ranges (and BIC for foreign
    // accounts), authorities for their own benefit types. Bearer tokens are kept as SHA-256.
    await q.query(`
      CREATE TABLE channel_banks (
        bank_id          text PRIMARY KEY,
        name             text NOT NULL,
        bic              text,
        api_token_sha256 text UNIQUE NOT NULL
      )`);
    await q.query(`
      CREATE TABLE channel_bank_reg_ranges (
        bank_id  text NOT NULL REFERENCES channel_banks,
        reg_from integer NOT NULL,
        reg_to   integer NOT NULL,
        PRIMARY KEY (reg_from),
        CHECK (reg_from <= reg_to)
      )`);
    await q.query(`
      CREATE TABLE channel_authorities (
        authority_id     text PRIMARY KEY,
        name             text NOT NULL,
        api_token_sha256 text UNIQUE NOT NULL,
        benefit_types    text[] NOT NULL DEFAULT '{}'
      )`);
    // The change log: append-only, each entry chained to the one before by SHA-256
    // (npm run registry:verify-log). UPDATE and DELETE are refused by a trigger.
    await q.query(`
      CREATE TABLE change_log (
        seq        bigint PRIMARY KEY,
        at         timestamptz NOT NULL,
        party_kind text NOT NULL,
        party_id   text NOT NULL,
        action     text NOT NULL,
        channel    text NOT NULL,
        actor      text NOT NULL,
        reason     text,
        before     jsonb,
        after      jsonb,
        prev_hash  text NOT NULL,
        hash       text NOT NULL UNIQUE
      )`);
    await q.query(`CREATE INDEX change_log_party_idx ON change_log (party_kind, party_id, seq)`);
    await q.query(`
      CREATE FUNCTION change_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'change_log is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER change_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON change_log
        FOR EACH STATEMENT EXECUTE FUNCTION change_log_append_only()`);
    // Every lookup of a party's account: who asked, through which channel, for what.
    await q.query(`
      CREATE TABLE lookup_audit (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at         timestamptz NOT NULL DEFAULT clock_timestamp(),
        party_kind text NOT NULL,
        party_id   text NOT NULL,
        channel    text NOT NULL,
        actor      text NOT NULL,
        purpose    text,
        outcome    text NOT NULL
      )`);
    await q.query(`CREATE INDEX lookup_audit_party_idx ON lookup_audit (party_kind, party_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'lookup_audit',
      'change_log',
      'channel_authorities',
      'channel_bank_reg_ranges',
      'channel_banks',
      'account_versions',
      'parties',
    ])
      await q.query(`DROP TABLE ${t}`);
    await q.query(`DROP FUNCTION change_log_append_only`);
  }
}
