import { AccountDto } from '@nemkonto/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PartyKey } from './party-state';

export interface LookupQuery {
  readonly party: PartyKey;
  // The benefit type of the payment: a benefit-specific account of the asking authority for it
  // wins over the NemKonto.
  readonly benefitType?: string;
  // The payment's date (default: today).
  readonly date: string;
}

export type LookupAnswer =
  | {
      readonly found: true;
      readonly account: AccountDto;
      readonly source: 'BENEFIT_SPECIFIC' | 'NEMKONTO';
      readonly effectiveFrom: string;
    }
  | { readonly found: false; readonly code: 'NO_ACCOUNT' | 'END_MARKED'; readonly message: string };

export interface Asker {
  readonly channel: 'AUTHORITY' | 'CASEWORKER' | 'OPERATOR' | 'PRIVATE_PAYER';
  readonly actor: string;
  // For benefit-specific accounts: the authority whose accounts count (null: none count).
  readonly authorityId: string | null;
}

interface Row {
  i: number;
  purpose: 'NEMKONTO' | 'BENEFIT_SPECIFIC';
  account: AccountDto;
  effective_from: string;
  end_marked_from: string | null;
}

// The account in force for (party, authority, benefit type, date), one or many in one set-based
// query, each lookup of a party written to the lookup audit in the same transaction. The answer
// reads the committed register, so a lookup after a change sees it.
@Injectable()
export class LookupAccountsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(asker: Asker, queries: readonly LookupQuery[]): Promise<LookupAnswer[]> {
    if (queries.length === 0) return [];
    return this.dataSource.transaction((m) => this.executeIn(m, asker, queries));
  }

  // In the caller's transaction (private payers count usage in the same one).
  async executeIn(m: EntityManager, asker: Asker, queries: readonly LookupQuery[]): Promise<LookupAnswer[]> {
    if (queries.length === 0) return [];
    // A replaced CPR number answers with the number it moved to (rare: the partial index on
    // moved_to keeps this cheap however many lookups there are).
    const moved = new Map(
      (
        (await m.query(
          `SELECT party_id, moved_to FROM parties WHERE moved_to IS NOT NULL AND party_kind = 'CPR' AND party_id = ANY($1)`,
          [queries.filter((q) => q.party.kind === 'CPR').map((q) => q.party.value)],
        )) as { party_id: string; moved_to: string }[]
      ).map((r) => [r.party_id, r.moved_to]),
    );
    const target = (q: LookupQuery): string =>
      q.party.kind === 'CPR' ? (moved.get(q.party.value) ?? q.party.value) : q.party.value;
    const rows = (await m.query(
      `WITH q AS (
         SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::date[]) AS q(i, kind, id, benefit_type, at)
       )
       SELECT q.i, v.purpose, v.account, to_char(v.effective_from, 'YYYY-MM-DD') AS effective_from,
              to_char(p.end_marked_from, 'YYYY-MM-DD') AS end_marked_from
         FROM q
         JOIN parties p ON p.party_kind = q.kind AND p.party_id = q.id
         JOIN account_versions v ON v.party_kind = q.kind AND v.party_id = q.id
        WHERE v.state = 'ACTIVE' AND v.effective_from <= q.at AND (v.effective_to IS NULL OR v.effective_to >= q.at)
          AND (v.purpose = 'NEMKONTO' OR (v.authority_id = $6 AND v.benefit_type = q.benefit_type))`,
      [
        queries.map((_, i) => i),
        queries.map((q) => q.party.kind),
        queries.map(target),
        queries.map((q) => q.benefitType ?? null),
        queries.map((q) => q.date),
        asker.authorityId,
      ],
    )) as Row[];
    const byQuery = new Map<number, Row[]>();
    for (const r of rows) byQuery.set(r.i, [...(byQuery.get(r.i) ?? []), r]);
    const answers = queries.map((q, i): LookupAnswer => {
      const found = byQuery.get(i) ?? [];
      const chosen =
        found.find((r) => r.purpose === 'BENEFIT_SPECIFIC') ?? found.find((r) => r.purpose === 'NEMKONTO');
      const endMarked = found[0]?.end_marked_from ?? null;
      if (chosen?.purpose === 'NEMKONTO' && endMarked !== null && endMarked <= q.date)
        return {
          found: false,
          code: 'END_MARKED',
          message: `the NemKonto is end-marked from ${endMarked}`,
        };
      if (!chosen)
        return { found: false, code: 'NO_ACCOUNT', message: `no account is in force on ${q.date}` };
      return {
        found: true,
        account: chosen.account,
        source: chosen.purpose,
        effectiveFrom: chosen.effective_from,
      };
    });
    await m.query(
      `INSERT INTO lookup_audit (party_kind, party_id, channel, actor, purpose, outcome)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [
        queries.map((q) => q.party.kind),
        queries.map((q) => q.party.value),
        queries.map(() => asker.channel),
        queries.map(() => asker.actor),
        queries.map((q) => q.benefitType ?? null),
        answers.map((a) => (a.found ? 'FOUND' : a.code)),
      ],
    );
    return answers;
  }
}
