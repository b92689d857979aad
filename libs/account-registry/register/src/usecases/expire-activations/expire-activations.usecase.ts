import { Outbox } from '@nemkonto/platform-messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChangeLogEntry, appendChangeLog } from '../../change-log/change-log';
import { commitPartyChange } from '../party-change';
import { PartyKey, lockParty } from '../party-state';

const BATCH = 200;

// Pending accounts whose activation code ran out (60 days by default) become EXPIRED, in
// batches, each party behind its lock; the account in force is untouched. Returns how many.
@Injectable()
export class ExpireActivationsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async execute(now: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.dataSource.transaction(async (m) => {
        const due = (await m.query(
          `SELECT DISTINCT party_kind AS kind, party_id AS value FROM account_versions
            WHERE state = 'PENDING' AND activation_expires_at <= $1
            ORDER BY 1, 2 LIMIT ${BATCH}`,
          [now],
        )) as PartyKey[];
        const log: ChangeLogEntry[] = [];
        let n = 0;
        for (const party of due) {
          await lockParty(m, party);
          const [rows] = (await m.query(
            `UPDATE account_versions SET state = 'EXPIRED'
              WHERE party_kind = $1 AND party_id = $2 AND state = 'PENDING' AND activation_expires_at <= $3
              RETURNING version_id AS "versionId", purpose`,
            [party.kind, party.value, now],
          )) as [{ versionId: string; purpose: string }[], number];
          if (rows.length === 0) continue;
          n += rows.length;
          await commitPartyChange(m, this.outbox, party, log, {
            action: 'EXPIRE_PENDING',
            channel: 'SYSTEM',
            actor: 'system:activation-expiry',
            reason: 'the activation code was not entered in time',
            before: rows,
            after: [],
          });
        }
        await appendChangeLog(m, log, now);
        return n;
      });
      if (expired === 0) return total;
      total += expired;
    }
  }
}
