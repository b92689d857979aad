import { MigrationInterface, QueryRunner } from 'typeorm';

// Activation letters, the CPR/CVR status of parties, CPR-number moves, flags from banks, eID
// sessions for self-service and caseworkers, and the last payment (for deletion after 5 years).
export class RegistryActivation1764000004000 implements MigrationInterface {
  name = 'RegistryActivation1764000004000';

  async up(q: QueryRunner): Promise<void> {
    // Status from cpr-cvr-sync: the source's sequence number of the state applied last (an older
    // state never overwrites a newer one). A replaced CPR number points at the new one.
    await q.query(`
      ALTER TABLE parties
        ADD COLUMN status_source   text,
        ADD COLUMN status_sequence bigint,
        ADD COLUMN moved_to        text,
        ADD COLUMN parent_cvr      text,
        ADD COLUMN last_paid_on    date,
        ADD COLUMN deleted_at      timestamptz`);
    await q.query(`CREATE INDEX parties_moved_to_idx ON parties (moved_to) WHERE moved_to IS NOT NULL`);
    await q.query(`CREATE INDEX parties_parent_cvr_idx ON parties (parent_cvr) WHERE parent_cvr IS NOT NULL`);
    // An activation code is kept only as an HMAC (keyed by NK_REGISTRY_CODE_SECRET, so the 10^8
    // codes cannot be tried offline); wrong entries are counted and end the code at the limit.
    await q.query(`
      ALTER TABLE account_versions
        ADD COLUMN activation_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN letter_id           uuid,
        ADD COLUMN flagged_at          timestamptz,
        ADD COLUMN flag_reason         text`);
    await q.query(`ALTER TABLE account_versions DROP CONSTRAINT account_versions_state_check`);
    await q.query(`
      ALTER TABLE account_versions ADD CONSTRAINT account_versions_state_check
        CHECK (state IN ('PENDING', 'ACTIVE', 'CANCELLED', 'EXPIRED', 'BLOCKED', 'DELETED'))`);
    await q.query(
      `CREATE INDEX account_versions_in_force_idx ON account_versions (party_kind, party_id) WHERE state = 'ACTIVE' AND effective_to IS NULL`,
    );
    // Operators' search: which parties an account is registered to.
    await q.query(
      `CREATE INDEX account_versions_account_no_idx ON account_versions ((coalesce(account->>'accountNo', account->>'iban')))`,
    );
    // Letters asked of the print route (cpr-cvr-sync addresses them); the outcome comes back.
    await q.query(`
      CREATE TABLE letters (
        letter_id    uuid PRIMARY KEY,
        party_kind   text NOT NULL,
        party_id     text NOT NULL,
        version_id   uuid,
        template     text NOT NULL CHECK (template IN ('ACTIVATION', 'ACCOUNT_FLAGGED')),
        requested_at timestamptz NOT NULL,
        outcome      text CHECK (outcome IN ('SENT', 'UNDELIVERABLE')),
        reason_code  text,
        addressed_at timestamptz
      )`);
    await q.query(`CREATE INDEX letters_party_idx ON letters (party_kind, party_id, requested_at)`);
    // Caseworkers log in with a professional eID: the CVR of their employer names the authority.
    await q.query(`ALTER TABLE channel_authorities ADD COLUMN cvr text UNIQUE`);
    // Sessions after an eID login (citizens, businesses, caseworkers, operators). The cookie holds
    // a random id; only its SHA-256 is stored.
    await q.query(`
      CREATE TABLE eid_sessions (
        session_sha256 text PRIMARY KEY,
        role           text NOT NULL CHECK (role IN ('CITIZEN', 'CASEWORKER', 'OPERATOR')),
        subject        text NOT NULL,
        party_kind     text,
        party_id       text,
        authority_id   text,
        display_name   text,
        loa            text,
        csrf_token     text NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        expires_at     timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX eid_sessions_expiry_idx ON eid_sessions (expires_at)`);
    // A login in progress: state, nonce and PKCE verifier until the eID provider calls back.
    await q.query(`
      CREATE TABLE eid_logins (
        state         text PRIMARY KEY,
        nonce         text NOT NULL,
        code_verifier text NOT NULL,
        audience      text NOT NULL,
        return_to     text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE eid_logins`);
    await q.query(`DROP TABLE eid_sessions`);
    await q.query(`ALTER TABLE channel_authorities DROP COLUMN cvr`);
    await q.query(`DROP TABLE letters`);
    await q.query(`DROP INDEX account_versions_account_no_idx`);
    await q.query(`DROP INDEX account_versions_in_force_idx`);
    await q.query(`DELETE FROM account_versions WHERE state IN ('BLOCKED', 'DELETED')`);
    await q.query(`ALTER TABLE account_versions DROP CONSTRAINT account_versions_state_check`);
    await q.query(`
      ALTER TABLE account_versions ADD CONSTRAINT account_versions_state_check
        CHECK (state IN ('PENDING', 'ACTIVE', 'CANCELLED', 'EXPIRED'))`);
    await q.query(`
      ALTER TABLE account_versions
        DROP COLUMN activation_attempts, DROP COLUMN letter_id, DROP COLUMN flagged_at, DROP COLUMN flag_reason`);
    await q.query(`DROP INDEX parties_parent_cvr_idx`);
    await q.query(`DROP INDEX parties_moved_to_idx`);
    await q.query(`
      ALTER TABLE parties
        DROP COLUMN status_source, DROP COLUMN status_sequence, DROP COLUMN moved_to,
        DROP COLUMN parent_cvr, DROP COLUMN last_paid_on, DROP COLUMN deleted_at`);
  }
}
