import { MigrationInterface, QueryRunner } from 'typeorm';

// Private payers (domain notes §2.11): their agreements, recipients' opt-outs, usage for
// billing, the token buckets against enumeration, and lookup bundles (for idempotency).
export class PrivatePayers1764000003500 implements MigrationInterface {
  name = 'PrivatePayers1764000003500';

  async up(q: QueryRunner): Promise<void> {
    // One row per payer under an NKS agreement. The agreement rests on a legal basis or on the
    // recipients' consent (with the reference to either). The bearer token is kept as SHA-256;
    // broker_user is the payer's own RabbitMQ user (bundles). Bucket columns left NULL take the
    // service's defaults (NK_REGISTRY_*_BUCKET_*).
    await q.query(`
      CREATE TABLE private_payers (
        payer_id                    text PRIMARY KEY CHECK (payer_id ~ '^[A-Za-z0-9_-]{1,50}$'),
        name                        text NOT NULL,
        nks_agreement_no            text NOT NULL UNIQUE,
        legal_basis_kind            text NOT NULL CHECK (legal_basis_kind IN ('LEGAL_BASIS', 'CONSENT')),
        legal_basis_ref             text NOT NULL,
        lookup_mode                 text NOT NULL CHECK (lookup_mode IN ('FULL', 'YES_NO')),
        api_token_sha256            text NOT NULL UNIQUE CHECK (api_token_sha256 ~ '^[0-9a-f]{64}$'),
        broker_user                 text UNIQUE,
        bucket_capacity             integer CHECK (bucket_capacity >= 20),
        bucket_refill_per_second    double precision CHECK (bucket_refill_per_second > 0),
        end_user_bucket_capacity    integer CHECK (end_user_bucket_capacity >= 20),
        end_user_refill_per_second  double precision CHECK (end_user_refill_per_second > 0),
        active_from                 date NOT NULL,
        active_to                   date,
        created_at                  timestamptz NOT NULL DEFAULT now(),
        updated_at                  timestamptz NOT NULL DEFAULT now(),
        CHECK (active_to IS NULL OR active_to >= active_from)
      )`);
    // A recipient's opt-out from lookups by private payers, while the row exists; setting and
    // withdrawing it are written to the change log.
    await q.query(`
      CREATE TABLE private_payer_opt_outs (
        party_kind text NOT NULL CHECK (party_kind IN ('CPR', 'CVR', 'SE', 'P')),
        party_id   text NOT NULL,
        since      timestamptz NOT NULL,
        channel    text NOT NULL,
        actor      text NOT NULL,
        PRIMARY KEY (party_kind, party_id)
      )`);
    // Per payer and (Danish) day, for billing. cpr_couplings are FULL-mode hits of CPR numbers:
    // what the fee is charged on (lov om offentlige betalinger § 5 c). Counters are updated in
    // place on every lookup, so pages keep room for HOT updates.
    await q.query(`
      CREATE TABLE private_payer_usage (
        payer_id      text NOT NULL REFERENCES private_payers,
        day           date NOT NULL,
        lookups       bigint NOT NULL DEFAULT 0,
        hits          bigint NOT NULL DEFAULT 0,
        misses        bigint NOT NULL DEFAULT 0,
        opted_out     bigint NOT NULL DEFAULT 0,
        yes_no        bigint NOT NULL DEFAULT 0,
        throttled     bigint NOT NULL DEFAULT 0,
        cpr_couplings bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (payer_id, day)
      ) WITH (fillfactor = 50)`);
    // Token buckets against enumeration, one per payer ('payer:<id>') and per end user a payer
    // acts for ('end-user:<id>:<sha256>'). `tokens` is the level at `refilled_at`; `granted` is
    // whether the last conditional charge was granted (so one UPDATE … RETURNING says it).
    await q.query(`
      CREATE TABLE private_payer_buckets (
        bucket_key  text PRIMARY KEY,
        tokens      double precision NOT NULL,
        refilled_at timestamptz NOT NULL,
        granted     boolean NOT NULL
      ) WITH (fillfactor = 50)`);
    // Lookup bundles by (payer, bundle id) with the hash of their content and the answer as sent:
    // a resend gets it again, other content under the same id a conflict.
    await q.query(`
      CREATE TABLE private_payer_bundles (
        payer_id        text NOT NULL REFERENCES private_payers,
        bundle_id       text NOT NULL,
        content_sha256  text NOT NULL,
        item_count      integer NOT NULL,
        received_at     timestamptz NOT NULL,
        answer_id       text,
        answer_document text,
        PRIMARY KEY (payer_id, bundle_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'private_payer_bundles',
      'private_payer_buckets',
      'private_payer_usage',
      'private_payer_opt_outs',
      'private_payers',
    ])
      await q.query(`DROP TABLE ${t}`);
  }
}
