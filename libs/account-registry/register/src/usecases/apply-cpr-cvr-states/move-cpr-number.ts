import { Outbox } from '@nemkonto/platform-messaging';
import { EntityManager } from 'typeorm';
import { ChangeLogEntry } from '../../change-log/change-log';
import { endInterval, versionSummary } from '../register-account.usecase';
import { commitPartyChange } from '../party-change';
import { AccountVersionRow, PartyKey, accountVersions, lockParty } from '../party-state';

// A person got a new CPR number: the NemKonto, benefit-specific accounts and their whole history
// (and an opt-out from private payers) move to the new number, and the old number points at it (lookups, changes and payments naming
// it reach the new one; older moves to the old number are repointed, so one hop always does).
// Returns false when the move was already made (a replay).
export async function moveCprNumber(
  m: EntityManager,
  outbox: Outbox,
  oldCpr: string,
  newCpr: string,
  reason: string,
  log: ChangeLogEntry[],
): Promise<boolean> {
  const from: PartyKey = { kind: 'CPR', value: oldCpr };
  const to: PartyKey = { kind: 'CPR', value: newCpr };
  const [first, second] = oldCpr < newCpr ? [from, to] : [to, from];
  const a = await lockParty(m, first);
  const b = await lockParty(m, second);
  const oldRow = first === from ? a : b;
  if (oldRow.moved_to === newCpr) return false;

  const before = await accountVersions(m, to);
  const moving = await accountVersions(m, from);
  await m.query(`UPDATE account_versions SET party_id = $2 WHERE party_kind = 'CPR' AND party_id = $1`, [
    oldCpr,
    newCpr,
  ]);
  await keepOneInForce(m, await accountVersions(m, to));
  // An opt-out from private payers follows the person too.
  await m.query(
    `UPDATE private_payer_opt_outs SET party_id = $2 WHERE party_kind = 'CPR' AND party_id = $1
       AND NOT EXISTS (SELECT 1 FROM private_payer_opt_outs WHERE party_kind = 'CPR' AND party_id = $2)`,
    [oldCpr, newCpr],
  );
  await m.query(
    `UPDATE parties SET moved_to = $2, updated_at = clock_timestamp()
      WHERE party_kind = 'CPR' AND (party_id = $1 OR moved_to = $1)`,
    [oldCpr, newCpr],
  );
  await m.query(
    `UPDATE parties SET last_paid_on = GREATEST(last_paid_on, (SELECT last_paid_on FROM parties WHERE party_kind = 'CPR' AND party_id = $1))
      WHERE party_kind = 'CPR' AND party_id = $2`,
    [oldCpr, newCpr],
  );
  log.push({
    party: from,
    action: 'CPR_NUMBER_REPLACED',
    channel: 'SYSTEM',
    actor: 'system:cpr',
    reason,
    before: versionSummary(moving),
    after: { movedTo: newCpr },
  });
  await commitPartyChange(m, outbox, to, log, {
    action: 'CPR_NUMBER_CHANGED',
    channel: 'SYSTEM',
    actor: 'system:cpr',
    reason: `accounts and history moved from the earlier CPR number (${reason})`,
    before: versionSummary(before),
    after: versionSummary(await accountVersions(m, to)),
  });
  return true;
}

// If both numbers had an account in force for the same purpose, the one activated last stays;
// the other ends the day before it took effect (or is cancelled). Pending ones: the latest stays.
async function keepOneInForce(m: EntityManager, versions: readonly AccountVersionRow[]): Promise<void> {
  const groups = new Map<string, AccountVersionRow[]>();
  for (const v of versions) {
    const k = `${v.purpose}:${v.authority_id ?? ''}:${v.benefit_type ?? ''}`;
    groups.set(k, [...(groups.get(k) ?? []), v]);
  }
  for (const group of groups.values()) {
    const open = group
      .filter((v) => v.state === 'ACTIVE' && v.effective_to === null)
      .sort((x, y) => (x.activated_at?.getTime() ?? 0) - (y.activated_at?.getTime() ?? 0));
    const keeper = open.at(-1);
    for (const v of open.slice(0, -1))
      if (keeper?.effective_from) await endInterval(m, v, keeper.effective_from);
    const pending = group
      .filter((v) => v.state === 'PENDING')
      .sort((x, y) => x.registered_at.getTime() - y.registered_at.getTime());
    const older = pending.slice(0, -1).map((v) => v.version_id);
    if (older.length > 0)
      await m.query(`UPDATE account_versions SET state = 'CANCELLED' WHERE version_id = ANY($1::uuid[])`, [
        older,
      ]);
  }
}
