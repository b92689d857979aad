import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ControlListRow {
  readonly seq: number;
  readonly at: string;
  readonly partyKind: string;
  readonly partyId: string;
  readonly action: string;
  readonly channel: string;
  readonly actor: string;
  readonly reason: string | null;
  readonly after: unknown;
}

// The control list (kontrolliste) of an authority: every register change its systems and its
// caseworkers made in a period, from the hash-chained change log, for the documentation
// authorities must keep (bekendtgørelse § 26).
@Injectable()
export class ControlListQuery {
  constructor(private readonly dataSource: DataSource) {}

  async execute(authorityId: string, period: { from: string; to: string }): Promise<ControlListRow[]> {
    const rows = (await this.dataSource.query(
      `SELECT seq, at, party_kind, party_id, action, channel, actor, reason, after FROM change_log
        WHERE (actor = $1 OR actor LIKE $2) AND at >= $3::date AND at < $4::date + 1
        ORDER BY seq LIMIT 100000`,
      [
        `authority:${authorityId}`,
        `caseworker:${authorityId.replace(/[%_\\]/g, '\\$&')}:%`,
        period.from,
        period.to,
      ],
    )) as {
      seq: string;
      at: Date;
      party_kind: string;
      party_id: string;
      action: string;
      channel: string;
      actor: string;
      reason: string | null;
      after: unknown;
    }[];
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at.toISOString(),
      partyKind: r.party_kind,
      partyId: r.party_id,
      action: r.action,
      channel: r.channel,
      actor: r.actor,
      reason: r.reason,
      after: r.after,
    }));
  }
}

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  // Quote always; neutralise spreadsheet formulas.
  return `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;
};

export function controlListCsv(rows: readonly ControlListRow[]): string {
  const header = ['seq', 'at', 'party_kind', 'party_id', 'action', 'channel', 'actor', 'reason', 'after'];
  const lines = rows.map((r) =>
    [r.seq, r.at, r.partyKind, r.partyId, r.action, r.channel, r.actor, r.reason, r.after]
      .map(cell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
