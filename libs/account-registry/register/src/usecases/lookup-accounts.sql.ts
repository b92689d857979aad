// One statement answers a set of lookups and writes their audit rows: a replaced CPR number is
// followed to the number it moved to, the asking authority's benefit-specific account for the
// benefit type wins over the NemKonto, an end-marked NemKonto answers END_MARKED from that day,
// and every lookup gets its lookup_audit row with the outcome. One statement is one round trip
// and atomic without BEGIN/COMMIT; it reads the committed register, so a lookup after a change
// sees it.
//
// $1 index, $2 kind, $3 id, $4 benefit type, $5 date (one element per lookup);
// $6 the authority whose benefit-specific accounts count (null: none), $7 channel, $8 actor.
const lookupAndAudit = (lookups: string): string => `
WITH q AS (
  ${lookups}
),
t AS (
  SELECT q.i, q.kind, q.id, q.benefit_type, q.at,
         coalesce(p0.moved_to, q.id) AS target,
         CASE WHEN p0.moved_to IS NULL THEN p0.end_marked_from ELSE p1.end_marked_from END AS end_marked_from
    FROM q
    LEFT JOIN parties p0 ON p0.party_kind = q.kind AND p0.party_id = q.id
    LEFT JOIN parties p1 ON p0.moved_to IS NOT NULL AND p1.party_kind = 'CPR' AND p1.party_id = p0.moved_to
),
answered AS (
  SELECT t.i, t.kind, t.id, t.benefit_type, c.purpose, c.account, c.effective_from, t.end_marked_from,
         CASE WHEN c.purpose IS NULL THEN 'NO_ACCOUNT'
              WHEN c.purpose = 'NEMKONTO' AND t.end_marked_from <= t.at THEN 'END_MARKED'
              ELSE 'FOUND' END AS outcome
    FROM t
    LEFT JOIN LATERAL (
      SELECT v.purpose, v.account, v.effective_from
        FROM account_versions v
       WHERE v.party_kind = t.kind AND v.party_id = t.target AND v.state = 'ACTIVE'
         AND v.effective_from <= t.at AND (v.effective_to IS NULL OR v.effective_to >= t.at)
         AND (v.purpose = 'NEMKONTO' OR (v.authority_id = $6 AND v.benefit_type = t.benefit_type))
       ORDER BY v.purpose = 'BENEFIT_SPECIFIC' DESC
       LIMIT 1
    ) c ON true
),
audit AS (
  INSERT INTO lookup_audit (party_kind, party_id, channel, actor, purpose, outcome)
  SELECT kind, id, $7, $8, benefit_type, outcome FROM answered ORDER BY i
)
SELECT i, outcome, account, to_char(effective_from, 'YYYY-MM-DD') AS effective_from,
       to_char(end_marked_from, 'YYYY-MM-DD') AS end_marked_from,
       purpose
  FROM answered`;

// Many lookups: $1-$5 are arrays.
export const LOOKUP_AND_AUDIT_SQL = lookupAndAudit(
  'SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::date[]) AS q(i, kind, id, benefit_type, at)',
);

// One lookup: $1-$5 are scalars. As a named statement Postgres then plans it once per
// connection (a generic plan). With one-element arrays it planned every execution afresh (about
// half of Postgres's time per single lookup): the custom plan's estimate of one row always beat
// the generic plan's ten.
export const LOOKUP_ONE_AND_AUDIT_SQL = lookupAndAudit(
  'SELECT $1::int AS i, $2::text AS kind, $3::text AS id, $4::text AS benefit_type, $5::date AS at',
);

export interface LookupAndAuditRow {
  readonly i: number;
  readonly outcome: 'FOUND' | 'NO_ACCOUNT' | 'END_MARKED';
  readonly account: unknown;
  readonly effective_from: string | null;
  readonly end_marked_from: string | null;
  readonly purpose: 'NEMKONTO' | 'BENEFIT_SPECIFIC' | null;
}
