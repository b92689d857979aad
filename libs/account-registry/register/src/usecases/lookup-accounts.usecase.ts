import { AccountDto } from '@nemkonto/contracts';
import { Injectable } from '@nestjs/common';
import { pgPoolOf } from '@nemkonto/platform-persistence';
import { DataSource, EntityManager } from 'typeorm';
import { LOOKUP_AND_AUDIT_SQL, LOOKUP_ONE_AND_AUDIT_SQL, LookupAndAuditRow } from './lookup-accounts.sql';
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

// The account in force for (party, authority, benefit type, date), one or many, each lookup of a
// party written to the lookup audit by the same statement (LOOKUP_AND_AUDIT_SQL). The answer
// reads the committed register, so a lookup after a change sees it.
@Injectable()
export class LookupAccountsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  // On its own: one named (prepared) statement on the pool, no transaction around it (a single
  // statement is atomic), so a lookup is one round trip.
  async execute(asker: Asker, queries: readonly LookupQuery[]): Promise<LookupAnswer[]> {
    if (queries.length === 0) return [];
    const one = queries.length === 1;
    const values = parametersOf(asker, queries);
    const result = await pgPoolOf(this.dataSource).query<LookupAndAuditRow>({
      name: one ? 'registry.lookup-one-and-audit' : 'registry.lookup-and-audit',
      text: one ? LOOKUP_ONE_AND_AUDIT_SQL : LOOKUP_AND_AUDIT_SQL,
      values: one ? values.map((v) => (Array.isArray(v) ? (v[0] as unknown) : v)) : values,
    });
    return answersOf(queries, result.rows);
  }

  // In the caller's transaction (private payers count usage in the same one).
  async executeIn(m: EntityManager, asker: Asker, queries: readonly LookupQuery[]): Promise<LookupAnswer[]> {
    if (queries.length === 0) return [];
    const rows = (await m.query(LOOKUP_AND_AUDIT_SQL, parametersOf(asker, queries))) as LookupAndAuditRow[];
    return answersOf(queries, rows);
  }
}

function parametersOf(asker: Asker, queries: readonly LookupQuery[]): unknown[] {
  return [
    queries.map((_, i) => i),
    queries.map((q) => q.party.kind),
    queries.map((q) => q.party.value),
    queries.map((q) => q.benefitType ?? null),
    queries.map((q) => q.date),
    asker.authorityId,
    asker.channel,
    asker.actor,
  ];
}

function answersOf(queries: readonly LookupQuery[], rows: readonly LookupAndAuditRow[]): LookupAnswer[] {
  const byIndex: (LookupAndAuditRow | undefined)[] = new Array(queries.length);
  for (const r of rows) byIndex[r.i] = r;
  return queries.map((q, i): LookupAnswer => {
    const r = byIndex[i];
    if (r?.outcome === 'FOUND' && r.purpose !== null && r.effective_from !== null)
      return {
        found: true,
        account: r.account as AccountDto,
        source: r.purpose,
        effectiveFrom: r.effective_from,
      };
    if (r?.outcome === 'END_MARKED')
      return {
        found: false,
        code: 'END_MARKED',
        message: `the NemKonto is end-marked from ${r.end_marked_from ?? ''}`,
      };
    return { found: false, code: 'NO_ACCOUNT', message: `no account is in force on ${q.date}` };
  });
}
