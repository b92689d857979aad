import { PaymentsCompletedV1, PaymentsReceivedV1, RegistryAccountChangedV1 } from '@nemkonto/contracts';
import { LocalDate } from '@nemkonto/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PartyAccounts, resolveAccount } from './resolve-account';

interface Row {
  party_kind: string;
  party_id: string;
  nemkonto: RegistryAccountChangedV1['nemkonto'];
  benefit_specific: RegistryAccountChangedV1['benefitSpecific'];
  end_marked_from: string | null;
}

type ReceivedPayment = PaymentsReceivedV1['payments'][number];
export type ChunkHeader = Omit<PaymentsReceivedV1, 'payments'>;

// Completes one chunk of payments: one set-based lookup of every recipient in the chunk, then
// each incomplete payment gets its account, or the authority's no-account policy decides: answer
// 7, hold (stored until a NemKonto appears or the hold ends), or the authority's error account.
// Complete payments pass through.
@Injectable()
export class CompletePaymentsUseCase {
  async execute(m: EntityManager, chunk: PaymentsReceivedV1, today: string): Promise<PaymentsCompletedV1> {
    const { payments, ...header } = chunk;
    const parties = await lookUpParties(
      m,
      payments.filter((p) => p.creditorAccount === null).map((p) => p.creditor),
    );
    const out: PaymentsCompletedV1 = { ...header, completed: [], notCompleted: [], held: [], release: false };
    const toHold: ReceivedPayment[] = [];
    for (const p of payments) {
      if (p.creditorAccount !== null) {
        out.completed.push({
          ...p,
          creditorAccount: p.creditorAccount,
          accountSource: 'SUPPLIED',
          creditorName: null,
        });
        continue;
      }
      const resolution = resolveAccount(
        parties.get(partyKey(p.creditor)),
        chunk.authorityId,
        p.benefitType,
        p.requestedExecutionDate,
      );
      if (resolution.found) {
        out.completed.push({
          ...p,
          creditorAccount: resolution.account,
          accountSource: resolution.source,
          creditorName: null,
        });
        continue;
      }
      const policy = chunk.noAccountPolicy;
      switch (policy.kind) {
        case 'REJECT':
          out.notCompleted.push({
            paymentId: p.paymentId,
            endToEndId: p.endToEndId,
            answerCode: 7,
            reason: resolution.reason,
          });
          break;
        case 'ERROR_ACCOUNT':
          out.completed.push({
            ...p,
            creditorAccount: policy.account,
            accountSource: 'AUTHORITY_ERROR_ACCOUNT',
            creditorName: null,
          });
          break;
        case 'HOLD': {
          const heldUntil = LocalDate.addDays(today, policy.days);
          toHold.push(p);
          out.held.push({ paymentId: p.paymentId, endToEndId: p.endToEndId, heldUntil });
          break;
        }
        default: {
          const unknown: never = policy;
          throw new Error(`unknown no-account policy ${JSON.stringify(unknown)}`);
        }
      }
    }
    if (toHold.length > 0) await this.hold(m, header, toHold, out.held[0]?.heldUntil ?? today);
    return out;
  }

  private async hold(
    m: EntityManager,
    header: ChunkHeader,
    payments: ReceivedPayment[],
    until: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO held_payments (payment_id, party_kind, party_id, held_until, chunk, payment)
       SELECT p.id, p.kind, p.party, $4::date, $5::jsonb, p.payment
         FROM unnest($1::uuid[], $2::text[], $3::text[], $6::jsonb[]) AS p(id, kind, party, payment)
       ON CONFLICT (payment_id) DO NOTHING`,
      [
        payments.map((p) => p.paymentId),
        payments.map((p) => p.creditor.kind),
        payments.map((p) => p.creditor.value),
        until,
        JSON.stringify(header),
        payments.map((p) => JSON.stringify(p)),
      ],
    );
  }
}

export const partyKey = (p: { kind: string; value: string }): string => `${p.kind}:${p.value}`;

export async function lookUpParties(
  m: EntityManager,
  ids: readonly { kind: string; value: string }[],
): Promise<Map<string, PartyAccounts>> {
  if (ids.length === 0) return new Map();
  const rows = (await m.query(
    `SELECT party_kind, party_id, nemkonto, benefit_specific, to_char(end_marked_from, 'YYYY-MM-DD') AS end_marked_from
       FROM party_accounts
      WHERE (party_kind, party_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [ids.map((i) => i.kind), ids.map((i) => i.value)],
  )) as Row[];
  return new Map(
    rows.map((r) => [
      `${r.party_kind}:${r.party_id}`,
      { nemkonto: r.nemkonto, benefitSpecific: r.benefit_specific, endMarkedFrom: r.end_marked_from },
    ]),
  );
}
