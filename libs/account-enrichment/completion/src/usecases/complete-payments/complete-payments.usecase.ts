import { PaymentsCompletedV1, PaymentsReceivedV1, RegistryAccountChangedV1 } from '@nemkonto/contracts';
import { LocalDate } from '@nemkonto/domain';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PartyAccounts, resolveAccount } from './resolve-account';

interface Row {
  party_kind: string;
  party_id: string;
  has_accounts: boolean;
  nemkonto: RegistryAccountChangedV1['nemkonto'] | null;
  benefit_specific: RegistryAccountChangedV1['benefitSpecific'] | null;
  end_marked_from: string | null;
  name: string | null;
}

// What completion knows of a recipient: the register's accounts (looked up for incomplete
// payments only) and the CPR/CVR name (for every payment; null when unknown or protected).
export interface Recipient {
  readonly accounts: PartyAccounts | undefined;
  readonly name: string | null;
}

// The bank's beneficiary name field (pain.001 Cdtr/Nm, PAYMUL NAD) is bounded by the contract.
const MAX_NAME = 70;

type ReceivedPayment = PaymentsReceivedV1['payments'][number];
export type ChunkHeader = Omit<PaymentsReceivedV1, 'payments'>;

// Completes one chunk of payments: one set-based lookup of every recipient in the chunk, then
// each incomplete payment gets its account, or the authority's no-account policy decides: answer
// 7, hold (stored until a NemKonto appears or the hold ends), or the authority's error account.
// Complete payments pass through. Every payment to the recipient's own account carries the
// recipient's CPR/CVR name (the register's, not the authority's Cdtr/Nm, which intake does not
// pass on); a protected or unknown recipient's stays null, and a payment to the authority's
// error account carries none.
@Injectable()
export class CompletePaymentsUseCase {
  async execute(m: EntityManager, chunk: PaymentsReceivedV1, today: string): Promise<PaymentsCompletedV1> {
    const { payments, ...header } = chunk;
    const recipients = await lookUpRecipients(
      m,
      payments.map((p) => ({ ...p.creditor, needsAccounts: p.creditorAccount === null })),
    );
    const nameOf = (p: ReceivedPayment): string | null => recipients.get(partyKey(p.creditor))?.name ?? null;
    const out: PaymentsCompletedV1 = { ...header, completed: [], notCompleted: [], held: [], release: false };
    const toHold: ReceivedPayment[] = [];
    for (const p of payments) {
      if (p.creditorAccount !== null) {
        out.completed.push({
          ...p,
          creditorAccount: p.creditorAccount,
          accountSource: 'SUPPLIED',
          creditorName: nameOf(p),
        });
        continue;
      }
      const resolution = resolveAccount(
        recipients.get(partyKey(p.creditor))?.accounts,
        chunk.authorityId,
        p.benefitType,
        p.requestedExecutionDate,
      );
      if (resolution.found) {
        out.completed.push({
          ...p,
          creditorAccount: resolution.account,
          accountSource: resolution.source,
          creditorName: nameOf(p),
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
  const recipients = await lookUpRecipients(
    m,
    ids.map((i) => ({ ...i, needsAccounts: true })),
  );
  const out = new Map<string, PartyAccounts>();
  for (const [key, r] of recipients) if (r.accounts) out.set(key, r.accounts);
  return out;
}

// One query for a chunk's recipients: their accounts (when asked for) and their names.
export async function lookUpRecipients(
  m: EntityManager,
  ids: readonly { kind: string; value: string; needsAccounts: boolean }[],
): Promise<Map<string, Recipient>> {
  const unique = new Map<string, { kind: string; value: string; needsAccounts: boolean }>();
  for (const i of ids) {
    const key = partyKey(i);
    const known = unique.get(key);
    if (!known || (i.needsAccounts && !known.needsAccounts)) unique.set(key, i);
  }
  if (unique.size === 0) return new Map();
  const keys = [...unique.values()];
  // Incomplete payments' recipients: accounts and name from one row; complete ones: the name only.
  const withAccounts = keys.filter((k) => k.needsAccounts);
  const nameOnly = keys.filter((k) => !k.needsAccounts);
  const rows = (await m.query(
    `SELECT a.party_kind, a.party_id, true AS has_accounts, a.nemkonto, a.benefit_specific,
            to_char(a.end_marked_from, 'YYYY-MM-DD') AS end_marked_from, a.name
       FROM unnest($1::text[], $2::text[]) AS u(kind, id)
       JOIN party_accounts a ON a.party_kind = u.kind AND a.party_id = u.id
     UNION ALL
     SELECT n.party_kind, n.party_id, false, NULL, NULL, NULL, n.name
       FROM unnest($3::text[], $4::text[]) AS u(kind, id)
       JOIN party_names n ON n.party_kind = u.kind AND n.party_id = u.id
      WHERE n.name IS NOT NULL`,
    [
      withAccounts.map((k) => k.kind),
      withAccounts.map((k) => k.value),
      nameOnly.map((k) => k.kind),
      nameOnly.map((k) => k.value),
    ],
  )) as Row[];
  return new Map(
    rows.map((r) => [
      `${r.party_kind}:${r.party_id}`,
      {
        accounts: r.has_accounts
          ? {
              nemkonto: r.nemkonto ?? [],
              benefitSpecific: r.benefit_specific ?? [],
              endMarkedFrom: r.end_marked_from,
            }
          : undefined,
        name: r.name === null ? null : r.name.slice(0, MAX_NAME),
      },
    ]),
  );
}
