import { Outbox } from '@nemkonto/platform-messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChangeLogEntry, appendChangeLog } from '../../change-log/change-log';
import { addYears } from '../apply-cpr-cvr-states/end-marking';
import { commitPartyChange } from '../party-change';
import { PartyKey, lockParty } from '../party-state';

const BATCH = 200;
export const DELETE_AFTER_YEARS = 5;

// Deletion (domain notes §4): an end-marked party's accounts are deleted 5 years after the last
// payment to them, or, if none was ever paid, 5 years after the end-marking. The
// account rows go; the change log keeps that it happened (not the accounts) and the party's
// state is published empty, so enrichment's projection forgets them too.
@Injectable()
export class DeleteUnusedAccountsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async execute(today: string, now: Date): Promise<number> {
    const cutoff = addYears(today, -DELETE_AFTER_YEARS);
    let total = 0;
    for (;;) {
      const deleted = await this.dataSource.transaction(async (m) => {
        const due = (await m.query(
          `SELECT p.party_kind AS kind, p.party_id AS value
             FROM parties p
            WHERE p.end_marked_from IS NOT NULL AND p.end_marked_from <= $1 AND p.deleted_at IS NULL
              AND coalesce(p.last_paid_on, p.end_marked_from) <= $2
              AND EXISTS (SELECT 1 FROM account_versions v WHERE v.party_kind = p.party_kind AND v.party_id = p.party_id)
            ORDER BY 1, 2 LIMIT ${BATCH}`,
          [today, cutoff],
        )) as PartyKey[];
        const log: ChangeLogEntry[] = [];
        for (const party of due) {
          await lockParty(m, party);
          const [rows] = (await m.query(
            `DELETE FROM account_versions WHERE party_kind = $1 AND party_id = $2 RETURNING version_id`,
            [party.kind, party.value],
          )) as [unknown[], number];
          await m.query(`UPDATE parties SET deleted_at = $3 WHERE party_kind = $1 AND party_id = $2`, [
            party.kind,
            party.value,
            now,
          ]);
          await commitPartyChange(m, this.outbox, party, log, {
            action: 'DELETE_ACCOUNTS',
            channel: 'SYSTEM',
            actor: 'system:retention',
            reason: `end-marked and no payment for ${DELETE_AFTER_YEARS} years`,
            before: { versions: rows.length },
            after: { versions: 0 },
          });
        }
        await appendChangeLog(m, log, now);
        return due.length;
      });
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }
}
