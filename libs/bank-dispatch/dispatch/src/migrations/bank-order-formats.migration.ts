import { MigrationInterface, QueryRunner } from 'typeorm';

// A bank may take its payment orders as ISO 20022 pain.001.001.09 instead of PAYMUL (and answer
// them with pain.002).
export class BankOrderFormats1764000004100 implements MigrationInterface {
  name = 'BankOrderFormats1764000004100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE banks DROP CONSTRAINT banks_order_format_check`);
    await q.query(
      `ALTER TABLE banks ADD CONSTRAINT banks_order_format_check CHECK (order_format IN ('PAYMUL', 'PAIN001'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE banks SET order_format = 'PAYMUL' WHERE order_format = 'PAIN001'`);
    await q.query(`ALTER TABLE banks DROP CONSTRAINT banks_order_format_check`);
    await q.query(
      `ALTER TABLE banks ADD CONSTRAINT banks_order_format_check CHECK (order_format IN ('PAYMUL'))`,
    );
  }
}
