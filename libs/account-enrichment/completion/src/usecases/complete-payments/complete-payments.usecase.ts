import { PaymentsCompletedV1, PaymentsReceivedV1, RegistryAccountChangedV1 } from '@nemkonto/contracts';
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

// Completes one chunk of payments: one set-based lookup of every recipient in the chunk, then
// each incomplete payment gets its account or an answer 7. Complete payments pass through.
@Injectable()
export class CompletePaymentsUseCase {
  async execute(m: EntityManager, chunk: PaymentsReceivedV1): Promise<PaymentsCompletedV1> {
    const incomplete = chunk.payments.filter((p) => p.creditorAccount === null);
    const parties = await this.lookUp(
      m,
      incomplete.map((p) => p.creditor),
    );
    const completed: PaymentsCompletedV1['completed'] = [];
    const notCompleted: PaymentsCompletedV1['notCompleted'] = [];
    for (const p of chunk.payments) {
      if (p.creditorAccount !== null) {
        completed.push({
          ...p,
          creditorAccount: p.creditorAccount,
          accountSource: 'SUPPLIED',
          creditorName: null,
        });
        continue;
      }
      const resolution = resolveAccount(
        parties.get(`${p.creditor.kind}:${p.creditor.value}`),
        chunk.authorityId,
        p.benefitType,
        p.requestedExecutionDate,
      );
      if (resolution.found) {
        completed.push({
          ...p,
          creditorAccount: resolution.account,
          accountSource: resolution.source,
          creditorName: null,
        });
      } else {
        notCompleted.push({
          paymentId: p.paymentId,
          endToEndId: p.endToEndId,
          answerCode: 7,
          reason: resolution.reason,
        });
      }
    }
    const { payments: _payments, ...header } = chunk;
    return { ...header, completed, notCompleted };
  }

  private async lookUp(
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
}
