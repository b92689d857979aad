import { MigrationInterface, QueryRunner } from 'typeorm';

// Shared by every service: each service lists this migration first, so each schema gets its own
// outbox and inbox. Tables are created unqualified: the search_path is the service schema.
export class OutboxInbox1764000000000 implements MigrationInterface {
  name = 'OutboxInbox1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        message_id     uuid PRIMARY KEY,
        exchange       text NOT NULL,
        routing_key    text NOT NULL,
        message_type   text NOT NULL,
        body           text NOT NULL,
        headers        jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        available_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        claimed_until  timestamptz,
        attempts       integer NOT NULL DEFAULT 0,
        last_error     text,
        sent_at        timestamptz
      )`);
    // Bodies are compact JSON of up to ~1,000 payments; compressing them costs more CPU on the
    // hot path than it saves in I/O.
    await q.query(`ALTER TABLE outbox ALTER COLUMN body SET STORAGE EXTERNAL`);
    await q.query(
      `CREATE INDEX outbox_pending_idx ON outbox (available_at, created_at) WHERE sent_at IS NULL`,
    );
    await q.query(`CREATE INDEX outbox_sent_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE inbox (
        message_id    uuid PRIMARY KEY,
        message_type  text NOT NULL,
        payload_hash  text NOT NULL,
        received_at   timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbox`);
    await q.query(`DROP TABLE outbox`);
  }
}
