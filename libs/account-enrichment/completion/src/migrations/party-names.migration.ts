import { MigrationInterface, QueryRunner } from 'typeorm';

// Recipients' names from the CPR and CVR registers (sync.person-changed / company-changed), for
// the payment orders to the banks. A protected person's row holds no name (null): the register
// does not publish it and completion never invents one. source_seq is the feed's sequence
// number of the state: an older state never overwrites a newer one. The name is copied onto the
// party's accounts row too, so completing an incomplete payment still costs one index lookup.
export class PartyNames1764000002300 implements MigrationInterface {
  name = 'PartyNames1764000002300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE party_names (
        party_kind  text NOT NULL,
        party_id    text NOT NULL,
        name        text,
        source_seq  bigint NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (party_kind, party_id)
      )`);
    // Nullable without a default: no table rewrite.
    await q.query(`ALTER TABLE party_accounts ADD COLUMN name text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE party_accounts DROP COLUMN name`);
    await q.query(`DROP TABLE party_names`);
  }
}
