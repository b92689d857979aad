import { AccountDto, RegistryAccountChangedV1 } from '@nemkonto/contracts';
import { EntityManager } from 'typeorm';

export interface PartyKey {
  readonly kind: 'CPR' | 'CVR' | 'SE' | 'P';
  readonly value: string;
}

export interface AccountVersionRow {
  version_id: string;
  purpose: 'NEMKONTO' | 'BENEFIT_SPECIFIC';
  authority_id: string | null;
  benefit_type: string | null;
  account: AccountDto;
  state: 'PENDING' | 'ACTIVE' | 'CANCELLED' | 'EXPIRED';
  channel: string;
  registered_at: Date;
  activated_at: Date | null;
  effective_from: string | null;
  effective_to: string | null;
}

export interface PartyRow {
  version: number;
  status: string;
  end_marked_from: string | null;
  // A replaced CPR number: the party it moved to.
  moved_to: string | null;
}

const VERSION_COLUMNS = `version_id, purpose, authority_id, benefit_type, account, state, channel, registered_at, activated_at,
  to_char(effective_from, 'YYYY-MM-DD') AS effective_from, to_char(effective_to, 'YYYY-MM-DD') AS effective_to`;

// Creates the party row if it is new and locks it: every change of one party runs behind this
// lock, so two changes of the same party are serialised and changes of different parties never
// touch each other's rows.
export async function lockParty(m: EntityManager, party: PartyKey): Promise<PartyRow> {
  await m.query(
    `INSERT INTO parties (party_kind, party_id) VALUES ($1, $2) ON CONFLICT (party_kind, party_id) DO NOTHING`,
    [party.kind, party.value],
  );
  const [row] = (await m.query(
    `SELECT version, status, to_char(end_marked_from, 'YYYY-MM-DD') AS end_marked_from, moved_to
       FROM parties WHERE party_kind = $1 AND party_id = $2 FOR UPDATE`,
    [party.kind, party.value],
  )) as PartyRow[];
  if (!row) throw new Error('the party row vanished under its lock');
  return row;
}

// The party a change or lookup really concerns: an old CPR number resolves to the one it moved to
// (moves are kept flat: an old number always points at the current one).
export async function resolveParty(m: EntityManager, party: PartyKey): Promise<PartyKey> {
  if (party.kind !== 'CPR') return party;
  const [row] = (await m.query(`SELECT moved_to FROM parties WHERE party_kind = 'CPR' AND party_id = $1`, [
    party.value,
  ])) as { moved_to: string | null }[];
  return row?.moved_to ? { kind: 'CPR', value: row.moved_to } : party;
}

// Parties whose NemKonto may no longer be given a new account: dead persons, bankrupt or ceased
// companies (no activation letters to them either: the 2021 defect in the domain notes).
export function partyHasEnded(row: PartyRow): boolean {
  return row.status === 'DEAD' || row.status === 'BANKRUPT' || row.status === 'CEASED';
}

export async function accountVersions(m: EntityManager, party: PartyKey): Promise<AccountVersionRow[]> {
  return (await m.query(
    `SELECT ${VERSION_COLUMNS} FROM account_versions WHERE party_kind = $1 AND party_id = $2 ORDER BY registered_at, version_id`,
    [party.kind, party.value],
  )) as AccountVersionRow[];
}

// The register state as enrichment's projection needs it: every activated version with its
// effective interval (older ones too, so a payment dated in the past finds the account then).
export function accountChangedEvent(
  party: PartyKey,
  version: number,
  endMarkedFrom: string | null,
  rows: readonly AccountVersionRow[],
): RegistryAccountChangedV1 {
  const active = rows.filter((r) => r.state === 'ACTIVE' && r.effective_from !== null);
  const interval = (
    r: AccountVersionRow,
  ): { account: AccountDto; effectiveFrom: string; effectiveTo: string | null } => ({
    account: r.account,
    effectiveFrom: r.effective_from ?? '',
    effectiveTo: r.effective_to,
  });
  return {
    party: { kind: party.kind, value: party.value },
    partyVersion: version,
    nemkonto: active.filter((r) => r.purpose === 'NEMKONTO').map(interval),
    benefitSpecific: active
      .filter((r) => r.purpose === 'BENEFIT_SPECIFIC')
      .map((r) => ({ ...interval(r), authorityId: r.authority_id ?? '', benefitType: r.benefit_type ?? '' })),
    endMarkedFrom,
    movedTo: null,
  };
}
