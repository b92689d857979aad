import { MigrationInterface, QueryRunner } from 'typeorm';

// Write costs on the hot path (measured by `npm run bench:e2e`):
// - payments: each payment is updated two or three times (completed, dispatched, the bank's
//   answer) in columns no index covers. Free space in each page lets those be HOT updates (no
//   new entries in the three indexes). Applies to pages written from now on.
// - payment_events: rows are written only by transitionPayments, in the statement that updates
//   the payment they describe, so the foreign key's per-row check adds cost and no safety.
export class IntakeWriteCosts1764000001200 implements MigrationInterface {
  name = 'IntakeWriteCosts1764000001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payments SET (fillfactor = 60)`);
    await q.query(`ALTER TABLE payment_events DROP CONSTRAINT payment_events_payment_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE payment_events ADD CONSTRAINT payment_events_payment_id_fkey FOREIGN KEY (payment_id) REFERENCES payments`,
    );
    await q.query(`ALTER TABLE payments RESET (fillfactor)`);
  }
}
