import { PaymentsCompletedV1 } from '@nemkonto/contracts';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

// The register keeps, per party, the day of the last payment completed with its NemKonto or a
// benefit-specific account: an end-marked account is deleted 5 years after it. One set-based
// update per chunk; a replaced CPR number counts for the number it moved to.
@Injectable()
export class RecordPaymentsMadeUseCase {
  async execute(m: EntityManager, chunk: PaymentsCompletedV1): Promise<number> {
    const paid = chunk.completed.filter(
      (p) => p.accountSource === 'NEMKONTO' || p.accountSource === 'BENEFIT_SPECIFIC',
    );
    if (paid.length === 0) return 0;
    const [, updated] = (await m.query(
      `WITH paid AS (
         SELECT coalesce(o.moved_to, t.id) AS id, t.kind, max(t.day) AS day
           FROM unnest($1::text[], $2::text[], $3::date[]) AS t(kind, id, day)
           LEFT JOIN parties o ON o.party_kind = t.kind AND o.party_id = t.id
          GROUP BY 1, 2
       )
       UPDATE parties p SET last_paid_on = paid.day
         FROM paid
        WHERE p.party_kind = paid.kind AND p.party_id = paid.id
          AND (p.last_paid_on IS NULL OR p.last_paid_on < paid.day)`,
      [
        paid.map((p) => p.creditor.kind),
        paid.map((p) => p.creditor.value),
        paid.map((p) => p.requestedExecutionDate),
      ],
    )) as [unknown[], number];
    return updated;
  }
}
