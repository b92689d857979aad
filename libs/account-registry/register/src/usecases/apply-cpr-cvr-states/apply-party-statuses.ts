import { Outbox } from '@nemkonto/platform-messaging';
import { EntityManager } from 'typeorm';
import { ChangeLogEntry } from '../../change-log/change-log';
import { commitPartyChange } from '../party-change';
import { PartyKey } from '../party-state';
import { PartyStatus, endMarkedFrom } from './end-marking';

export interface PartyStatusUpdate {
  readonly party: PartyKey;
  readonly status: PartyStatus;
  readonly statusDate: string | null;
  readonly sequenceNo: number;
  // SE and P numbers: the CVR number they belong to.
  readonly parentCvr: string | null;
}

interface ExistingRow {
  party_kind: PartyKey['kind'];
  party_id: string;
  version: number;
  status_source: string | null;
  status_sequence: string | null;
  end_marked_from: string | null;
}

export interface StatusOutcome {
  readonly applied: number;
  readonly stale: number;
  readonly endMarkChanged: number;
}

// Applies CPR/CVR statuses set-based: existing rows are locked in key order, a state older than
// the one applied from the same source is skipped (out-of-order delivery). A state's sequence
// number is that of the newest aspect cpr-cvr-sync holds, so an equal one may carry a late older
// aspect: it is applied (a replay changes nothing, so it causes no register change). The rest
// are upserted with their end-marking date in one statement. Parties holding accounts whose
// end-marking changed get a register change (log entry, new version, event). With
// `onlyKnownOrEnded` (the initial load), an active party the register does not know yet is not
// stored: it needs no row until it gets an account.
export async function applyPartyStatuses(
  m: EntityManager,
  outbox: Outbox,
  source: string,
  updates: readonly PartyStatusUpdate[],
  onlyKnownOrEnded: boolean,
  log: ChangeLogEntry[],
): Promise<StatusOutcome> {
  const latest = new Map<string, PartyStatusUpdate>();
  for (const u of updates) {
    const k = `${u.party.kind}:${u.party.value}`;
    const seen = latest.get(k);
    if (!seen || seen.sequenceNo < u.sequenceNo) latest.set(k, u);
  }
  const all = [...latest.values()].sort((a, b) =>
    a.party.kind === b.party.kind
      ? a.party.value.localeCompare(b.party.value)
      : a.party.kind < b.party.kind
        ? -1
        : 1,
  );
  if (all.length === 0) return { applied: 0, stale: 0, endMarkChanged: 0 };
  const existing = (await m.query(
    `SELECT p.party_kind, p.party_id, p.version, p.status_source, p.status_sequence::text AS status_sequence,
            to_char(p.end_marked_from, 'YYYY-MM-DD') AS end_marked_from
       FROM parties p JOIN unnest($1::text[], $2::text[]) AS k(kind, id) ON p.party_kind = k.kind AND p.party_id = k.id
      ORDER BY p.party_kind, p.party_id FOR UPDATE OF p`,
    [all.map((u) => u.party.kind), all.map((u) => u.party.value)],
  )) as ExistingRow[];
  const byKey = new Map(existing.map((r) => [`${r.party_kind}:${r.party_id}`, r]));

  let stale = 0;
  const apply: (PartyStatusUpdate & { endMark: string | null })[] = [];
  const changed: PartyStatusUpdate[] = [];
  for (const u of all) {
    const row = byKey.get(`${u.party.kind}:${u.party.value}`);
    if (
      row &&
      row.status_source === source &&
      row.status_sequence !== null &&
      Number(row.status_sequence) > u.sequenceNo
    ) {
      stale += 1;
      continue;
    }
    const endMark = endMarkedFrom(u.status, u.statusDate);
    if (!row && onlyKnownOrEnded && u.status === 'ACTIVE') continue;
    apply.push({ ...u, endMark });
    if (row && row.version > 0 && row.end_marked_from !== endMark) changed.push(u);
  }
  if (apply.length > 0)
    await m.query(
      `INSERT INTO parties (party_kind, party_id, status, status_date, status_source, status_sequence, end_marked_from, parent_cvr)
       SELECT kind, id, status, status_date, $7, seq, end_mark, parent
         FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::bigint[], $6::date[], $8::text[])
              AS t(kind, id, status, status_date, seq, end_mark, parent)
       ON CONFLICT (party_kind, party_id) DO UPDATE
          SET status = EXCLUDED.status, status_date = EXCLUDED.status_date, status_source = EXCLUDED.status_source,
              status_sequence = EXCLUDED.status_sequence, end_marked_from = EXCLUDED.end_marked_from,
              parent_cvr = coalesce(EXCLUDED.parent_cvr, parties.parent_cvr), updated_at = clock_timestamp()`,
      [
        apply.map((u) => u.party.kind),
        apply.map((u) => u.party.value),
        apply.map((u) => u.status),
        apply.map((u) => u.statusDate),
        apply.map((u) => u.sequenceNo),
        apply.map((u) => u.endMark),
        source,
        apply.map((u) => u.parentCvr),
      ],
    );
  for (const u of changed) {
    const endMark = endMarkedFrom(u.status, u.statusDate);
    await commitPartyChange(m, outbox, u.party, log, {
      action: endMark === null ? 'END_MARK_REMOVED' : 'END_MARK',
      channel: 'SYSTEM',
      actor: `system:${source.toLowerCase()}`,
      reason: `status ${u.status.toLowerCase()}${u.statusDate ? ` from ${u.statusDate}` : ''} (sequence ${u.sequenceNo})`,
      before: { endMarkedFrom: byKey.get(`${u.party.kind}:${u.party.value}`)?.end_marked_from ?? null },
      after: { endMarkedFrom: endMark },
    });
  }
  return { applied: apply.length, stale, endMarkChanged: changed.length };
}
