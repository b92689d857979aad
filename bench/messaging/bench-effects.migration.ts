import { MigrationInterface, QueryRunner } from 'typeorm';

// The benchmark consumer's effect: one row per processed message.
export class BenchEffects1764000000001 implements MigrationInterface {
  name = 'BenchEffects1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE bench_effects (message_id uuid PRIMARY KEY, payments int NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bench_effects`);
  }
}
