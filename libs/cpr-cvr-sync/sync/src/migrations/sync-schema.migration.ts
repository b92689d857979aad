import { MigrationInterface, QueryRunner } from 'typeorm';

// Person and company master data from the CPR and CVR feeds, the feeds' sequence tracking, feed
// files, letters. Each aspect of a party (name, address, protection, status) carries the sequence
// number of the event that last set it, so an older event never overwrites newer data, whatever
// the order events arrive in; 0 = never set (a party known so far only from a later change).
export class SyncSchema1764000005000 implements MigrationInterface {
  name = 'SyncSchema1764000005000';

  async up(q: QueryRunner): Promise<void> {
    // Compact on purpose (6 million rows load in one go): fixed-width columns first, status as a
    // one-byte "char", no timestamps per row.
    await q.query(`
      CREATE TABLE persons (
        name_seq        bigint NOT NULL DEFAULT 0,
        address_seq     bigint NOT NULL DEFAULT 0,
        protection_seq  bigint NOT NULL DEFAULT 0,
        status_seq      bigint NOT NULL DEFAULT 0,
        status_date     date,
        protected       boolean NOT NULL DEFAULT false,
        -- A active, D dead, E emigrated, U legally incapacitated (umyndiggjort).
        status          "char" NOT NULL DEFAULT 'A' CHECK (status IN ('A', 'D', 'E', 'U')),
        cpr             text NOT NULL,
        first_names     text,
        last_name       text,
        street          text,
        house_no        text,
        floor           text,
        door            text,
        postcode        text,
        city            text,
        CONSTRAINT persons_pkey PRIMARY KEY (cpr)
      )`);
    // A CPR-number change: events naming the old number apply to the person's current one.
    await q.query(`
      CREATE TABLE person_number_changes (
        old_cpr         text PRIMARY KEY,
        new_cpr         text NOT NULL,
        sequence_no     bigint NOT NULL,
        effective_date  date NOT NULL
      )`);
    await q.query(`CREATE INDEX person_number_changes_new_idx ON person_number_changes (new_cpr)`);
    await q.query(`
      CREATE TABLE companies (
        name_seq        bigint NOT NULL DEFAULT 0,
        address_seq     bigint NOT NULL DEFAULT 0,
        status_seq      bigint NOT NULL DEFAULT 0,
        status_date     date,
        -- A active, B bankrupt (konkurs; status_date = decree date), C ceased (ophørt).
        status          "char" NOT NULL DEFAULT 'A' CHECK (status IN ('A', 'B', 'C')),
        cvr             text NOT NULL,
        name            text,
        street          text,
        house_no        text,
        floor           text,
        door            text,
        postcode        text,
        city            text,
        CONSTRAINT companies_pkey PRIMARY KEY (cvr)
      )`);
    // SE and P numbers; an address here is the unit's own (letters use the company's otherwise).
    // No foreign key to companies: the feed may deliver a number before its company.
    for (const [table, column] of [
      ['company_se_numbers', 'se_number'],
      ['company_p_numbers', 'p_number'],
    ] as const) {
      await q.query(`
        CREATE TABLE ${table} (
          sequence_no  bigint NOT NULL,
          ${column}    text NOT NULL,
          cvr          text NOT NULL,
          street       text,
          house_no     text,
          floor        text,
          door         text,
          postcode     text,
          city         text,
          CONSTRAINT ${table}_pkey PRIMARY KEY (${column})
        )`);
      await q.query(`CREATE INDEX ${table}_cvr_idx ON ${table} (cvr)`);
    }
    // Per source: every sequence number up to last_contiguous has been received; those received
    // beyond it (while a gap is open) are kept as ranges.
    await q.query(`
      CREATE TABLE feed_sources (
        source           text PRIMARY KEY,
        party_kind       text NOT NULL CHECK (party_kind IN ('PERSONS', 'COMPANIES')),
        last_contiguous  bigint NOT NULL DEFAULT 0,
        updated_at       timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `INSERT INTO feed_sources (source, party_kind) VALUES ('CPR', 'PERSONS'), ('CVR', 'COMPANIES')`,
    );
    await q.query(`
      CREATE TABLE received_ranges (
        source    text NOT NULL REFERENCES feed_sources,
        from_seq  bigint NOT NULL,
        to_seq    bigint NOT NULL CHECK (to_seq >= from_seq),
        PRIMARY KEY (source, from_seq)
      )`);
    // Missing sequence numbers as reported: open while closed_at is null. A gap that is partly
    // filled closes and its remaining parts open with the original detection time.
    await q.query(`
      CREATE TABLE sequence_gaps (
        gap_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source       text NOT NULL REFERENCES feed_sources,
        from_seq     bigint NOT NULL,
        to_seq       bigint NOT NULL CHECK (to_seq >= from_seq),
        detected_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        closed_at    timestamptz
      )`);
    await q.query(
      `CREATE INDEX sequence_gaps_open_idx ON sequence_gaps (source, from_seq) WHERE closed_at IS NULL`,
    );
    // Files received (drop directory, operator upload, initial load): the SHA-256 makes a
    // re-dropped file a no-op; next_line makes an interrupted one resume where it stopped.
    await q.query(`
      CREATE TABLE feed_files (
        file_id      uuid PRIMARY KEY,
        sha256       text NOT NULL UNIQUE,
        name         text NOT NULL,
        source       text,
        kind         text CHECK (kind IN ('INITIAL', 'CHANGE')),
        records      integer NOT NULL DEFAULT 0,
        applied      integer NOT NULL DEFAULT 0,
        duplicates   integer NOT NULL DEFAULT 0,
        rejected     integer NOT NULL DEFAULT 0,
        next_line    integer NOT NULL DEFAULT 2,
        status       text NOT NULL CHECK (status IN ('IN_PROGRESS', 'DONE', 'FAILED')),
        reason       text,
        received_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at  timestamptz
      )`);
    await q.query(`
      CREATE TABLE feed_file_errors (
        file_id  uuid NOT NULL REFERENCES feed_files ON DELETE CASCADE,
        line_no  integer NOT NULL,
        reason   text NOT NULL,
        PRIMARY KEY (file_id, line_no)
      )`);
    // The initial load's publication downstream, resumable: the last key published per source.
    await q.query(`
      CREATE TABLE initial_publications (
        source       text PRIMARY KEY REFERENCES feed_sources,
        after_key    text NOT NULL DEFAULT '',
        published    bigint NOT NULL DEFAULT 0,
        started_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        finished_at  timestamptz
      )`);
    // Letters addressed for the registry: idempotent on letter_id. Only what the letter was and
    // what became of it; the text (with its activation code) goes to the print service only.
    await q.query(`
      CREATE TABLE letters (
        letter_id     uuid PRIMARY KEY,
        template      text NOT NULL,
        party_kind    text NOT NULL,
        party_id      text NOT NULL,
        outcome       text NOT NULL CHECK (outcome IN ('SENT', 'UNDELIVERABLE')),
        reason_code   text,
        addressed_at  timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'letters',
      'initial_publications',
      'feed_file_errors',
      'feed_files',
      'sequence_gaps',
      'received_ranges',
      'feed_sources',
      'company_p_numbers',
      'company_se_numbers',
      'companies',
      'person_number_changes',
      'persons',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
