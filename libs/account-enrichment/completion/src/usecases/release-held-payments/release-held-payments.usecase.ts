import { PaymentsCompletedV1, PaymentsReceivedV1 } from '@nemkonto/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ChunkHeader, lookUpRecipients, partyKey } from '../complete-payments/complete-payments.usecase';
import { resolveAccount } from '../complete-payments/resolve-account';

interface HeldRow {
  payment_id: string;
  held_until: string;
  chunk: ChunkHeader;
  payment: PaymentsReceivedV1['payments'][number];
}

const BATCH = 1000;

// Held payments leave the hold in two ways: the recipient got a NemKonto (completed, released on
// the registry event), or the hold ran out (answer 7, swept daily). Either way they go out as a
// payments.completed with `release` set, grouped by the chunk they came in.
@Injectable()
export class ReleaseHeldPaymentsUseCase {
  async forParty(m: EntityManager, party: { kind: string; value: string }): Promise<PaymentsCompletedV1[]> {
    const held = (await m.query(
      `SELECT payment_id, to_char(held_until, 'YYYY-MM-DD') AS held_until, chunk, payment FROM held_payments
        WHERE party_kind = $1 AND party_id = $2 ORDER BY held_at FOR UPDATE`,
      [party.kind, party.value],
    )) as HeldRow[];
    if (held.length === 0) return [];
    const recipients = await lookUpRecipients(m, [{ ...party, needsAccounts: true }]);
    const released: HeldRow[] = [];
    const messages = groupByChunk(held, (row, out) => {
      const p = row.payment;
      const recipient = recipients.get(partyKey(p.creditor));
      const r = resolveAccount(
        recipient?.accounts,
        row.chunk.authorityId,
        p.benefitType,
        p.requestedExecutionDate,
      );
      if (!r.found) return;
      released.push(row);
      out.completed.push({
        ...p,
        creditorAccount: r.account,
        accountSource: r.source,
        creditorName: recipient?.name ?? null,
      });
    });
    await remove(m, released);
    return messages.filter((msg) => msg.completed.length > 0);
  }

  // Holds that ended before `today`: answer 7. Bounded batches; call until it returns [].
  async expire(m: EntityManager, today: string): Promise<PaymentsCompletedV1[]> {
    const held = (await m.query(
      `SELECT payment_id, to_char(held_until, 'YYYY-MM-DD') AS held_until, chunk, payment FROM held_payments
        WHERE held_until < $1::date ORDER BY held_until LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      [today],
    )) as HeldRow[];
    await remove(m, held);
    return groupByChunk(held, (row, out) => {
      out.notCompleted.push({
        paymentId: row.payment.paymentId,
        endToEndId: row.payment.endToEndId,
        answerCode: 7,
        reason: `no NemKonto was registered for the recipient before the hold ended on ${row.held_until}`,
      });
    });
  }
}

async function remove(m: EntityManager, rows: readonly HeldRow[]): Promise<void> {
  if (rows.length === 0) return;
  await m.query(`DELETE FROM held_payments WHERE payment_id = ANY($1::uuid[])`, [
    rows.map((r) => r.payment_id),
  ]);
}

function groupByChunk(
  rows: readonly HeldRow[],
  place: (row: HeldRow, out: PaymentsCompletedV1) => void,
): PaymentsCompletedV1[] {
  const byChunk = new Map<string, PaymentsCompletedV1>();
  for (const row of rows) {
    const key = `${row.chunk.bundleKey}:${row.chunk.chunkIndex}`;
    let out = byChunk.get(key);
    if (!out) {
      out = { ...row.chunk, completed: [], notCompleted: [], held: [], release: true };
      byChunk.set(key, out);
    }
    place(row, out);
  }
  return [...byChunk.values()];
}
