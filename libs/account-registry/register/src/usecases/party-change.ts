import { Outbox } from '@nemkonto/platform-messaging';
import { EntityManager } from 'typeorm';
import { ChangeLogEntry } from '../change-log/change-log';
import { PartyKey, accountChangedEvent, accountVersions } from './party-state';

export type ChangeLogDraft = Omit<ChangeLogEntry, 'party'>;

// The end of every register change of one party, in its transaction and behind its lock: the
// party version is raised, the entry queued for the hash-chained log (appended once per
// transaction by the caller) and registry.account-changed written to the outbox with the whole
// state. Old CPR numbers that moved to this party get the same state (movedTo set), so payments
// naming them still complete.
export async function commitPartyChange(
  m: EntityManager,
  outbox: Outbox,
  party: PartyKey,
  log: ChangeLogEntry[],
  entry: ChangeLogDraft,
): Promise<number> {
  const [row] = (await m.query(
    `UPDATE parties SET version = version + 1, updated_at = clock_timestamp()
      WHERE party_kind = $1 AND party_id = $2
      RETURNING version, to_char(end_marked_from, 'YYYY-MM-DD') AS end_marked_from`,
    [party.kind, party.value],
  )) as [{ version: number; end_marked_from: string | null }[], number];
  const updated = row[0];
  if (!updated) throw new Error('the party row vanished under its lock');
  log.push({ party, ...entry });
  await publishPartyState(m, outbox, party, updated.version, updated.end_marked_from);
  return updated.version;
}

// registry.account-changed for the party and for every old number that moved to it.
export async function publishPartyState(
  m: EntityManager,
  outbox: Outbox,
  party: PartyKey,
  version: number,
  endMarkedFrom: string | null,
): Promise<void> {
  const versions = await accountVersions(m, party);
  const state = accountChangedEvent(party, version, endMarkedFrom, versions);
  const [aliases] = (await m.query(
    `UPDATE parties SET version = version + 1, updated_at = clock_timestamp()
      WHERE moved_to = $1 RETURNING party_kind AS kind, party_id AS value, version`,
    [party.value],
  )) as [(PartyKey & { version: number })[], number];
  await outbox.enqueueMany(m, [
    { type: 'registry.account-changed', payload: state },
    ...aliases.map((a) => ({
      type: 'registry.account-changed' as const,
      payload: {
        ...state,
        party: { kind: a.kind, value: a.value },
        partyVersion: a.version,
        movedTo: { kind: party.kind, value: party.value },
      },
    })),
  ]);
}
