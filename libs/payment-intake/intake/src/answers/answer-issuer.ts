import { PartnerDocumentTypes, PartnerExchanges } from '@nemkonto/contracts';
import { NemKontoAnswer, writePain002 } from '@nemkonto/payment-intake-pain002';
import { Outbox } from '@nemkonto/platform-messaging';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface IssuedAnswer {
  readonly answerId: string;
  readonly code: NemKontoAnswer['code'];
  readonly status: NemKontoAnswer['groupStatus'];
  readonly pain002: string;
}

// Issues answers to an authority: each is stored once (by its id) and sent to the authority's
// reply queue through the outbox, in the caller's transaction. An answer issued before (a
// redelivery, a resent bundle) is returned as first written and not sent again.
@Injectable()
export class AnswerIssuer {
  constructor(private readonly outbox: Outbox) {}

  async issue(
    m: EntityManager,
    authorityId: string,
    answers: readonly NemKontoAnswer[],
    bundleKey: string | null = null,
  ): Promise<IssuedAnswer[]> {
    if (answers.length === 0) return [];
    const written = answers.map((a) => ({ answer: a, document: writePain002(a) }));
    const inserted = (await m.query(
      `INSERT INTO answers (answer_id, authority_id, code, bundle_key, msg_id, payment_count, document)
       SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::uuid[], $5::text[], $6::int[], $7::text[])
       ON CONFLICT (answer_id) DO NOTHING RETURNING answer_id`,
      [
        written.map((w) => w.answer.answerId),
        written.map(() => authorityId),
        written.map((w) => w.answer.code),
        written.map(() => bundleKey),
        written.map((w) => w.answer.originalMsgId),
        written.map((w) => w.answer.transactions.length || (w.answer.originalCount ?? 0)),
        written.map((w) => w.document),
      ],
    )) as { answer_id: string }[];
    const fresh = new Set(inserted.map((r) => r.answer_id));
    await this.outbox.enqueueDocuments(
      m,
      written
        .filter((w) => fresh.has(w.answer.answerId))
        .map((w) => ({
          documentId: w.answer.answerId,
          exchange: PartnerExchanges.authorityAnswers,
          routingKey: authorityId,
          type: PartnerDocumentTypes.pain002,
          text: w.document,
          charset: 'utf-8' as const,
          contentType: 'application/xml',
          correlationId: w.answer.originalMsgId ?? undefined,
        })),
    );
    const stored = new Map(
      (
        (await m.query(`SELECT answer_id, document FROM answers WHERE answer_id = ANY($1::text[])`, [
          written.filter((w) => !fresh.has(w.answer.answerId)).map((w) => w.answer.answerId),
        ])) as { answer_id: string; document: string }[]
      ).map((r) => [r.answer_id, r.document]),
    );
    return written.map((w) => ({
      answerId: w.answer.answerId,
      code: w.answer.code,
      status: w.answer.groupStatus,
      pain002: stored.get(w.answer.answerId) ?? w.document,
    }));
  }
}
