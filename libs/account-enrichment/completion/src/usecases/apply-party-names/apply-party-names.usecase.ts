import { SyncCompanyChangedV1, SyncPersonChangedV1 } from '@nemkonto/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

interface NameRow {
  readonly kind: 'CPR' | 'CVR' | 'SE' | 'P';
  readonly id: string;
  readonly name: string | null;
  readonly seq: number;
}

// Keeps the recipients' names from the CPR/CVR events, one set-based upsert per chunk. A state
// is applied unless the stored one is newer (an equal sequence number is the same state again,
// or one completed by a late event). A person's previous number keeps the name too (payments
// may still name it). SE and P numbers carry their company's name.
@Injectable()
export class ApplyPartyNamesUseCase {
  async persons(m: EntityManager, msg: SyncPersonChangedV1): Promise<number> {
    return upsert(
      m,
      msg.persons.flatMap((p) => [
        { kind: 'CPR' as const, id: p.cpr, name: p.name, seq: p.sequenceNo },
        ...(p.previousCpr
          ? [{ kind: 'CPR' as const, id: p.previousCpr, name: p.name, seq: p.sequenceNo }]
          : []),
      ]),
    );
  }

  async companies(m: EntityManager, msg: SyncCompanyChangedV1): Promise<number> {
    return upsert(
      m,
      msg.companies.flatMap((c) => [
        { kind: 'CVR' as const, id: c.cvr, name: c.name, seq: c.sequenceNo },
        ...c.seNumbers.map((id) => ({ kind: 'SE' as const, id, name: c.name, seq: c.sequenceNo })),
        ...c.pNumbers.map((id) => ({ kind: 'P' as const, id, name: c.name, seq: c.sequenceNo })),
      ]),
    );
  }
}

async function upsert(m: EntityManager, rows: readonly NameRow[]): Promise<number> {
  // One row per party (an upsert cannot touch a row twice): the newest state wins.
  const byKey = new Map<string, NameRow>();
  for (const r of rows) {
    const key = `${r.kind}:${r.id}`;
    const known = byKey.get(key);
    if (!known || known.seq <= r.seq) byKey.set(key, r);
  }
  const unique = [...byKey.values()];
  if (unique.length === 0) return 0;
  const applied = (await m.query(
    `WITH applied AS (
       INSERT INTO party_names (party_kind, party_id, name, source_seq)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
       ON CONFLICT (party_kind, party_id) DO UPDATE
          SET name = EXCLUDED.name, source_seq = EXCLUDED.source_seq, updated_at = now()
        WHERE party_names.source_seq <= EXCLUDED.source_seq
       RETURNING party_kind, party_id, name)
     , copied AS (
       UPDATE party_accounts a SET name = applied.name FROM applied
        WHERE a.party_kind = applied.party_kind AND a.party_id = applied.party_id
          AND a.name IS DISTINCT FROM applied.name)
     SELECT count(*)::int AS n FROM applied`,
    [unique.map((r) => r.kind), unique.map((r) => r.id), unique.map((r) => r.name), unique.map((r) => r.seq)],
  )) as { n: number }[];
  return applied[0]?.n ?? 0;
}
