import { MigrationInterface, QueryRunner } from 'typeorm';

// The projection's account lists are read for every payment completed and written only when the
// register changes, and no query looks inside them: `json` (kept as the text it was given) costs
// nothing to read out, where `jsonb` is rebuilt into text on every read.
export class ProjectionAsJson1764000002200 implements MigrationInterface {
  name = 'ProjectionAsJson1764000002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE party_accounts ALTER COLUMN nemkonto TYPE json, ALTER COLUMN benefit_specific TYPE json`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE party_accounts ALTER COLUMN nemkonto TYPE jsonb, ALTER COLUMN benefit_specific TYPE jsonb`,
    );
  }
}
