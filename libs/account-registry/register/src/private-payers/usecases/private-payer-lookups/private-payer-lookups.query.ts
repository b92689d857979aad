import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PartyKey } from '../../../usecases/party-state';
import { PayerLookupOutcome } from '../../lookups/payer-answer';

export interface PrivatePayerLookup {
  readonly payerId: string;
  readonly payerName: string;
  // ISO 8601.
  readonly at: string;
  readonly outcome: PayerLookupOutcome;
}

// For a party (in self-service: the citizen logged in): which private payers looked it up, when,
// and what they got (domain notes §2.9), newest first, from the lookup audit.
@Injectable()
export class PrivatePayerLookupsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async execute(party: PartyKey, options: { readonly limit?: number } = {}): Promise<PrivatePayerLookup[]> {
    const rows = (await this.dataSource.query(
      `SELECT p.payer_id, p.name, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, a.outcome
         FROM lookup_audit a
         JOIN private_payers p ON a.actor = 'private-payer:' || p.payer_id
        WHERE a.party_kind = $1 AND a.party_id = $2 AND a.channel = 'PRIVATE_PAYER'
        ORDER BY a.at DESC, a.id DESC
        LIMIT $3`,
      [party.kind, party.value, Math.min(Math.max(options.limit ?? 100, 1), 1000)],
    )) as { payer_id: string; name: string; at: string; outcome: PayerLookupOutcome }[];
    return rows.map((r) => ({ payerId: r.payer_id, payerName: r.name, at: r.at, outcome: r.outcome }));
  }
}
