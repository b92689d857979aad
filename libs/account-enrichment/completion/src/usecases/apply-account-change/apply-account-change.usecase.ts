import { RegistryAccountChangedV1 } from '@nemkonto/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export type ApplyOutcome = 'applied' | 'stale';

// Keeps the projection: a change is applied only if its per-party version is newer than what is
// held, so redelivered and out-of-order events change nothing. A new party's row takes the name
// already known from the CPR/CVR events (party_names); later names are copied by those events.
@Injectable()
export class ApplyAccountChangeUseCase {
  async execute(m: EntityManager, change: RegistryAccountChangedV1): Promise<ApplyOutcome> {
    const rows = (await m.query(
      `INSERT INTO party_accounts (party_kind, party_id, party_version, nemkonto, benefit_specific, end_marked_from, name)
       VALUES ($1, $2, $3, $4, $5, $6, (SELECT name FROM party_names WHERE party_kind = $1 AND party_id = $2))
       ON CONFLICT (party_kind, party_id) DO UPDATE
          SET party_version = EXCLUDED.party_version, nemkonto = EXCLUDED.nemkonto,
              benefit_specific = EXCLUDED.benefit_specific, end_marked_from = EXCLUDED.end_marked_from, updated_at = now()
        WHERE party_accounts.party_version < EXCLUDED.party_version
       RETURNING party_version`,
      [
        change.party.kind,
        change.party.value,
        change.partyVersion,
        JSON.stringify(change.nemkonto),
        JSON.stringify(change.benefitSpecific),
        change.endMarkedFrom,
      ],
    )) as unknown[];
    return rows.length === 1 ? 'applied' : 'stale';
  }
}
