import { MigrationInterface, QueryRunner } from 'typeorm';

// A scheduled payment's creditor and account are written once and read back whole when the
// interchange is written; no query looks inside them. `json` keeps the text as given: no jsonb
// build on insert, no rebuild into text on read.
export class DispatchJsonColumns1764000004200 implements MigrationInterface {
  name = 'DispatchJsonColumns1764000004200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE dispatch_payments ALTER COLUMN creditor TYPE json, ALTER COLUMN creditor_account TYPE json`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE dispatch_payments ALTER COLUMN creditor TYPE jsonb, ALTER COLUMN creditor_account TYPE jsonb`,
    );
  }
}
