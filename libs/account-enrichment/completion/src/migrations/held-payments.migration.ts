import { MigrationInterface, QueryRunner } from 'typeorm';

export class HeldPayments1764000002100 implements MigrationInterface {
  name = 'HeldPayments1764000002100';

  async up(q: QueryRunner): Promise<void> {
    // Payments without an account whose authority's agreement says "hold": they wait here until
    // the recipient gets a NemKonto (released on the registry event) or the hold runs out (answer 7).
    await q.query(`
      CREATE TABLE held_payments (
        payment_id   uuid PRIMARY KEY,
        party_kind   text NOT NULL,
        party_id     text NOT NULL,
        held_until   date NOT NULL,
        chunk        jsonb NOT NULL,
        payment      jsonb NOT NULL,
        held_at      timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX held_payments_party_idx ON held_payments (party_kind, party_id)`);
    await q.query(`CREATE INDEX held_payments_until_idx ON held_payments (held_until)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE held_payments`);
  }
}
