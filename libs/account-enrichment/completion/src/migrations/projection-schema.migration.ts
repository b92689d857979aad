import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProjectionSchema1764000002000 implements MigrationInterface {
  name = 'ProjectionSchema1764000002000';

  async up(q: QueryRunner): Promise<void> {
    // The register as enrichment needs it: per party, the full account history as the registry
    // last published it, with the registry's per-party version (older events never win).
    await q.query(`
      CREATE TABLE party_accounts (
        party_kind      text NOT NULL,
        party_id        text NOT NULL,
        party_version   integer NOT NULL,
        nemkonto        jsonb NOT NULL,
        benefit_specific jsonb NOT NULL,
        end_marked_from date,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (party_kind, party_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE party_accounts`);
  }
}
