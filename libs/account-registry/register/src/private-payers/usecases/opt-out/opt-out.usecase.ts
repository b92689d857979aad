import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { appendChangeLog } from '../../../change-log/change-log';
import { PartyKey } from '../../../usecases/party-state';
import { Channel } from '../../../usecases/register-account.usecase';

export interface OptOutCommand {
  readonly party: PartyKey;
  // true: opt out of lookups by private payers; false: withdraw the opt-out.
  readonly optOut: boolean;
  readonly channel: Channel;
  readonly actor: string;
  readonly reason?: string;
}

export interface OptOutState {
  readonly optedOut: boolean;
  // When the opt-out in force was set (ISO 8601), and through which channel.
  readonly since: string | null;
  readonly channel: string | null;
}

export interface OptOutResult extends OptOutState {
  // false: it already was so (nothing written).
  readonly changed: boolean;
}

const SINCE = `to_char(since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// A recipient opts out of (or back into) lookups by private payers (domain notes §2.11: "the
// recipient may opt out at any time"). Idempotent: setting what is already set changes nothing.
// Every change is appended to the hash-chained change log in the same transaction, so it is
// audited like an account change. Concurrent changes of one party queue on its opt-out row.
@Injectable()
export class OptOutUseCase {
  constructor(private readonly dataSource: DataSource) {}

  execute(cmd: OptOutCommand, now: Date): Promise<OptOutResult> {
    return this.dataSource.transaction((m) => this.executeIn(m, cmd, now));
  }

  async executeIn(m: EntityManager, cmd: OptOutCommand, now: Date): Promise<OptOutResult> {
    const entry = {
      party: cmd.party,
      channel: cmd.channel,
      actor: cmd.actor,
      reason: cmd.reason ?? null,
    };
    if (cmd.optOut) {
      const [set] = (await m.query(
        `INSERT INTO private_payer_opt_outs (party_kind, party_id, since, channel, actor) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (party_kind, party_id) DO NOTHING RETURNING ${SINCE} AS since`,
        [cmd.party.kind, cmd.party.value, now, cmd.channel, cmd.actor],
      )) as { since: string }[];
      if (!set) return { ...(await this.status(cmd.party, m)), changed: false };
      await appendChangeLog(
        m,
        [
          {
            ...entry,
            action: 'PRIVATE_PAYER_OPT_OUT',
            before: { optedOut: false },
            after: { optedOut: true, since: set.since },
          },
        ],
        now,
      );
      return { optedOut: true, since: set.since, channel: cmd.channel, changed: true };
    }
    const [withdrawn] = (await m.query(
      `DELETE FROM private_payer_opt_outs WHERE party_kind = $1 AND party_id = $2 RETURNING ${SINCE} AS since`,
      [cmd.party.kind, cmd.party.value],
    )) as { since: string }[];
    if (!withdrawn) return { optedOut: false, since: null, channel: null, changed: false };
    await appendChangeLog(
      m,
      [
        {
          ...entry,
          action: 'PRIVATE_PAYER_OPT_OUT_WITHDRAWN',
          before: { optedOut: true, since: withdrawn.since },
          after: { optedOut: false },
        },
      ],
      now,
    );
    return { optedOut: false, since: null, channel: null, changed: true };
  }

  // Whether the party has opted out now (for self-service to show).
  async status(party: PartyKey, m: EntityManager = this.dataSource.manager): Promise<OptOutState> {
    const [row] = (await m.query(
      `SELECT ${SINCE} AS since, channel FROM private_payer_opt_outs WHERE party_kind = $1 AND party_id = $2`,
      [party.kind, party.value],
    )) as { since: string; channel: string }[];
    return row
      ? { optedOut: true, since: row.since, channel: row.channel }
      : { optedOut: false, since: null, channel: null };
  }
}
