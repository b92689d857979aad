import { Outbox } from '@nemkonto/platform-messaging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PartyKey, accountChangedEvent, accountVersions } from './party-state';

const PAGE = 500;

// Publishes every party's current state again as registry.account-changed with its current
// version, page by page, each page in its own transaction through the outbox. Consumers apply
// only what is newer than they hold, so this rebuilds enrichment's projection after a loss (or
// from empty) and changes nothing where it is already up to date.
@Injectable()
export class ReplayRegisterUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async execute(onProgress?: (parties: number) => void): Promise<number> {
    let after: [string, string] = ['', ''];
    let total = 0;
    for (;;) {
      const sent = await this.dataSource.transaction(async (m) => {
        const parties = (await m.query(
          `SELECT party_kind AS kind, party_id AS value, version, to_char(end_marked_from, 'YYYY-MM-DD') AS end_marked_from
             FROM parties WHERE version > 0 AND (party_kind, party_id) > ($1, $2)
            ORDER BY party_kind, party_id LIMIT ${PAGE}`,
          after,
        )) as (PartyKey & { version: number; end_marked_from: string | null })[];
        const last = parties.at(-1);
        if (!last) return 0;
        after = [last.kind, last.value];
        const events = [];
        for (const p of parties) {
          events.push({
            type: 'registry.account-changed' as const,
            payload: accountChangedEvent(p, p.version, p.end_marked_from, await accountVersions(m, p)),
          });
        }
        await this.outbox.enqueueMany(m, events);
        return parties.length;
      });
      if (sent === 0) return total;
      total += sent;
      onProgress?.(total);
    }
  }
}
