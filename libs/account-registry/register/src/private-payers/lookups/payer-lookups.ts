import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LookupAccountsUseCase } from '../../usecases/lookup-accounts.usecase';
import { PartyKey } from '../../usecases/party-state';
import { PrivatePayer } from '../payers/private-payer';
import { countUsage, usageOf } from '../usage/usage-counters';
import { privatePayerMetrics } from '../private-payer.metrics';
import { PayerLookupHit } from './payer-answer';

export const payerActor = (payerId: string): string => `private-payer:${payerId}`;

// The lookups of one private payer (one from REST, up to 10,000 from a bundle), set-based, in
// the caller's transaction: parties that opted out are not looked up (OPTED_OUT), the others go
// through LookupAccountsUseCase as of today with no benefit-specific accounts (those are for
// their authority only); every lookup has its lookup_audit row and is counted in the payer's
// usage of the day.
@Injectable()
export class PayerLookups {
  constructor(private readonly lookups: LookupAccountsUseCase) {}

  async lookUp(
    m: EntityManager,
    payer: PrivatePayer,
    parties: readonly PartyKey[],
    today: string,
  ): Promise<PayerLookupHit[]> {
    if (parties.length === 0) return [];
    const optedOut = await optedOutParties(m, parties);
    const isOptedOut = (p: PartyKey): boolean => optedOut.has(`${p.kind}:${p.value}`);
    const asked = parties.filter((p) => !isOptedOut(p));
    const actor = payerActor(payer.payerId);
    const answers = await this.lookups.executeIn(
      m,
      { channel: 'PRIVATE_PAYER', actor, authorityId: null },
      asked.map((party) => ({ party, date: today })),
    );
    const refused = parties.filter(isOptedOut);
    if (refused.length > 0)
      await m.query(
        `INSERT INTO lookup_audit (party_kind, party_id, channel, actor, outcome)
         SELECT kind, id, 'PRIVATE_PAYER', $3, 'OPTED_OUT' FROM unnest($1::text[], $2::text[]) AS r(kind, id)`,
        [refused.map((p) => p.kind), refused.map((p) => p.value), actor],
      );
    let next = 0;
    const hits = parties.map((p): PayerLookupHit => {
      if (isOptedOut(p)) return { outcome: 'OPTED_OUT', account: null };
      const a = answers[next++];
      if (!a) throw new Error('a lookup went unanswered');
      return a.found ? { outcome: 'FOUND', account: a.account } : { outcome: a.code, account: null };
    });
    await countUsage(
      m,
      payer.payerId,
      today,
      usageOf(
        payer.lookupMode,
        parties.map((p, i) => ({ kind: p.kind, hit: hits[i] as PayerLookupHit })),
      ),
    );
    const byOutcome = new Map<string, number>();
    for (const h of hits) byOutcome.set(h.outcome, (byOutcome.get(h.outcome) ?? 0) + 1);
    for (const [outcome, n] of byOutcome)
      privatePayerMetrics.lookups.inc({ payer: payer.payerId, outcome }, n);
    return hits;
  }
}

// An opt-out made under the number a replaced CPR number moved to counts for the old one too.
async function optedOutParties(m: EntityManager, parties: readonly PartyKey[]): Promise<Set<string>> {
  const rows = (await m.query(
    `SELECT DISTINCT q.kind AS party_kind, q.id AS party_id
       FROM unnest($1::text[], $2::text[]) AS q(kind, id)
       LEFT JOIN parties p ON p.party_kind = q.kind AND p.party_id = q.id
       JOIN private_payer_opt_outs o ON o.party_kind = q.kind AND o.party_id IN (q.id, coalesce(p.moved_to, q.id))`,
    [parties.map((p) => p.kind), parties.map((p) => p.value)],
  )) as { party_kind: string; party_id: string }[];
  return new Set(rows.map((r) => `${r.party_kind}:${r.party_id}`));
}
