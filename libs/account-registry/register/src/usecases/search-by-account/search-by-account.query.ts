import { AccountDto } from '@nemkonto/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PartyKey } from '../party-state';

export interface SearchHit {
  readonly party: PartyKey;
  readonly purpose: string;
  readonly state: string;
  readonly channel: string;
  readonly registeredAt: string;
  readonly effectiveFrom: string | null;
  readonly effectiveTo: string | null;
}

// Which parties an account is or was registered to: the question of a fraud case (one account
// set as the NemKonto of many people). Danish accounts by reg.nr and number, foreign by IBAN or
// account number.
@Injectable()
export class SearchByAccountQuery {
  constructor(private readonly dataSource: DataSource) {}

  async execute(account: AccountDto, manager: EntityManager = this.dataSource.manager): Promise<SearchHit[]> {
    const rows = (await manager.query(
      `SELECT party_kind, party_id, purpose, state, channel, registered_at,
              to_char(effective_from, 'YYYY-MM-DD') AS effective_from, to_char(effective_to, 'YYYY-MM-DD') AS effective_to
         FROM account_versions
        WHERE coalesce(account->>'accountNo', account->>'iban') = $2 AND account @> $1::jsonb
        ORDER BY registered_at LIMIT 1000`,
      [
        JSON.stringify(
          account.kind === 'DK'
            ? { kind: 'DK', regNo: account.regNo, accountNo: account.accountNo }
            : account.iban
              ? { kind: 'FOREIGN', iban: account.iban }
              : { kind: 'FOREIGN', accountNo: account.accountNo },
        ),
        account.kind === 'DK' ? account.accountNo : (account.accountNo ?? account.iban),
      ],
    )) as {
      party_kind: PartyKey['kind'];
      party_id: string;
      purpose: string;
      state: string;
      channel: string;
      registered_at: Date;
      effective_from: string | null;
      effective_to: string | null;
    }[];
    return rows.map((r) => ({
      party: { kind: r.party_kind, value: r.party_id },
      purpose: r.purpose,
      state: r.state,
      channel: r.channel,
      registeredAt: r.registered_at.toISOString(),
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
    }));
  }
}
