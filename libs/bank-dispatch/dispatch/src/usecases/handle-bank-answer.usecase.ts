import { AccountDto, MAX_PAYMENTS_PER_CHUNK, PartyIdDto, PaymentsBankStatusV1 } from '@nemkonto/contracts';
import {
  BankAnswer,
  BankAnswerError,
  BanstaAnswer,
  ContrlAnswer,
  readBankAnswer,
  readBankPain002,
} from '@nemkonto/bank-dispatch-edifact';
import { PartnerDocumentTypes } from '@nemkonto/contracts';
import { MessageContext, PartnerDocument } from '@nemkonto/platform-messaging';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';

// BANSTA reason codes (FTX) that mean the beneficiary account cannot take payments: the registry
// is told, so the NemKonto gets flagged and its holder a letter.
const ACCOUNT_CODES: Record<string, 'ACCOUNT_CLOSED' | 'ACCOUNT_UNKNOWN'> = {
  ACCOUNT_CLOSED: 'ACCOUNT_CLOSED',
  ACCOUNT_UNKNOWN: 'ACCOUNT_UNKNOWN',
};

interface Moved {
  payment_id: string;
  authority_id: string;
  end_to_end_id: string;
  creditor: PartyIdDto;
  creditor_account: AccountDto;
  reason_code: string | null;
  reason: string | null;
  state: 'ACCEPTED' | 'REJECTED';
}

export type BankAnswerOutcome =
  'APPLIED' | 'UNREADABLE' | 'UNKNOWN_INTERCHANGE' | 'PARTLY_UNMATCHED' | 'DUPLICATE';

// Applies what a bank answered: CONTRL rejecting an interchange rejects all its payments still
// waiting; BANSTA executes or rejects single payments. Only payments still waiting change, so a
// repeated or contradictory answer is not reported twice. Every answer is kept, with what was made
// of it; an unreadable answer, one about interchanges this bank never got, or an answer applied
// before (the same reference again) changes nothing.
@Injectable()
export class HandleBankAnswerUseCase {
  private readonly logger = new Logger(HandleBankAnswerUseCase.name);

  async execute(
    m: EntityManager,
    bankId: string,
    doc: PartnerDocument,
    ctx: MessageContext,
  ): Promise<BankAnswerOutcome> {
    // A bank that takes pain.001 answers with pain.002 (UTF-8 XML); EDIFACT UNOC is ISO 8859-1.
    const xml =
      doc.type === PartnerDocumentTypes.pain002 ||
      (doc.type === null && doc.body.subarray(0, 64).toString('latin1').trimStart().startsWith('<'));
    const text = doc.body.toString(xml ? 'utf8' : 'latin1');
    let answer: BankAnswer;
    try {
      answer = xml ? readBankPain002(text) : readBankAnswer(text);
    } catch (err) {
      if (!(err instanceof BankAnswerError)) throw err;
      await this.record(m, bankId, doc, null, 'UNREADABLE', err.message, text);
      this.logger.warn(
        { bank: bankId, documentId: doc.documentId, reason: err.message },
        'unreadable bank answer',
      );
      return 'UNREADABLE';
    }
    const recorded = { answerRef: answer.answerRef, kind: xml ? 'pain.002' : answer.kind };
    const [interchange] = (await m.query(
      `SELECT control_ref FROM interchanges WHERE control_ref = $1 AND bank_id = $2`,
      [answer.interchangeRef, bankId],
    )) as unknown[];
    if (!interchange) {
      await this.record(
        m,
        bankId,
        doc,
        recorded,
        'UNKNOWN_INTERCHANGE',
        `no interchange ${answer.interchangeRef} was sent to ${bankId}`,
        text,
      );
      return 'UNKNOWN_INTERCHANGE';
    }
    // The same answer (bank, kind, its own reference) sent again under another message id.
    const [seen] = (await m.query(
      `SELECT 1 FROM bank_answers WHERE bank_id = $1 AND kind = $2 AND answer_ref = $3
          AND outcome IN ('APPLIED', 'PARTLY_UNMATCHED')`,
      [bankId, recorded.kind, recorded.answerRef],
    )) as unknown[];
    if (seen) {
      await this.record(
        m,
        bankId,
        doc,
        recorded,
        'DUPLICATE',
        `answer ${recorded.answerRef} was applied before; nothing changed`,
        text,
      );
      return 'DUPLICATE';
    }
    const { moved, unmatched } =
      answer.kind === 'CONTRL' ? await this.contrl(m, answer) : await this.bansta(m, answer);
    await this.publish(ctx, bankId, answer.interchangeRef, moved);
    const outcome = unmatched > 0 ? 'PARTLY_UNMATCHED' : 'APPLIED';
    await this.record(
      m,
      bankId,
      doc,
      recorded,
      outcome,
      `${moved.length} payments changed, ${unmatched} references unknown`,
      text,
    );
    return outcome;
  }

  private async contrl(
    m: EntityManager,
    answer: ContrlAnswer,
  ): Promise<{ moved: Moved[]; unmatched: number }> {
    await m.query(
      `UPDATE interchanges SET status = $2, answered_at = clock_timestamp() WHERE control_ref = $1 AND status IN ('SENT', 'RECEIVED')`,
      [answer.interchangeRef, answer.action],
    );
    if (answer.action !== 'REJECTED') return { moved: [], unmatched: 0 };
    const moved = (await m.query(
      `WITH u AS (UPDATE dispatch_payments SET state = 'REJECTED', reason_code = 'INTERCHANGE_REJECTED', updated_at = clock_timestamp(),
              reason = 'the bank rejected interchange ' || interchange_ref || ' (CONTRL' || coalesce(' error ' || $2, '') || ')'
        WHERE interchange_ref = $1 AND state = 'SENT'
        RETURNING payment_id, authority_id, end_to_end_id, creditor, creditor_account, reason_code, reason, state)
       SELECT * FROM u`,
      [answer.interchangeRef, answer.errorCode],
    )) as Moved[];
    return { moved, unmatched: 0 };
  }

  private async bansta(
    m: EntityManager,
    answer: BanstaAnswer,
  ): Promise<{ moved: Moved[]; unmatched: number }> {
    const final = answer.items.filter((i) => i.status !== 'INFORMATION');
    const moved = (await m.query(
      `WITH u AS (UPDATE dispatch_payments d
          SET state = x.state, reason_code = x.code, reason = x.reason, updated_at = clock_timestamp()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(ref, state, code, reason)
        WHERE d.payment_ref = x.ref AND d.interchange_ref = $5 AND d.state = 'SENT'
        RETURNING d.payment_id, d.authority_id, d.end_to_end_id, d.creditor, d.creditor_account, d.reason_code, d.reason, d.state)
       SELECT * FROM u`,
      [
        final.map((i) => i.paymentRef),
        final.map((i) => (i.status === 'EXECUTED' ? 'ACCEPTED' : 'REJECTED')),
        final.map((i) => i.reasonCode ?? (i.status === 'EXECUTED' ? 'EXECUTED' : 'REJECTED')),
        final.map((i) =>
          (
            i.reasonText ??
            i.reasonCode ??
            (i.status === 'EXECUTED' ? 'executed' : 'rejected by the bank')
          ).slice(0, 200),
        ),
        answer.interchangeRef,
      ],
    )) as Moved[];
    const [{ n } = { n: 0 }] = (await m.query(
      `SELECT count(*)::int AS n FROM unnest($1::text[]) AS r(ref)
        WHERE NOT EXISTS (SELECT 1 FROM dispatch_payments d WHERE d.payment_ref = r.ref AND d.interchange_ref = $2)`,
      [answer.items.map((i) => i.paymentRef), answer.interchangeRef],
    )) as { n: number }[];
    return { moved, unmatched: n };
  }

  private async publish(
    ctx: MessageContext,
    bankId: string,
    interchangeRef: string,
    moved: readonly Moved[],
  ): Promise<void> {
    const statuses: PaymentsBankStatusV1['statuses'] = moved.map((p) => ({
      paymentId: p.payment_id,
      authorityId: p.authority_id,
      endToEndId: p.end_to_end_id,
      status: p.state,
      reasonCode: p.reason_code,
      reason: p.reason,
    }));
    for (let i = 0; i < statuses.length; i += MAX_PAYMENTS_PER_CHUNK) {
      await ctx.send('payments.bank-status', {
        bankId,
        interchangeRef,
        statuses: statuses.slice(i, i + MAX_PAYMENTS_PER_CHUNK),
      });
    }
    for (const p of moved) {
      const code = p.state === 'REJECTED' && p.reason_code ? ACCOUNT_CODES[p.reason_code] : undefined;
      if (code) {
        await ctx.send('dispatch.account-rejected', {
          bankId,
          party: p.creditor,
          account: p.creditor_account,
          reasonCode: code,
          paymentId: p.payment_id,
        });
      }
    }
  }

  private async record(
    m: EntityManager,
    bankId: string,
    doc: PartnerDocument,
    answer: { answerRef: string; kind: string } | null,
    outcome: string,
    detail: string,
    body: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO bank_answers (bank_id, document_id, kind, answer_ref, outcome, detail, body)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (bank_id, document_id) DO NOTHING`,
      [
        bankId,
        doc.documentId,
        answer?.kind ?? null,
        answer?.answerRef ?? null,
        outcome,
        detail.slice(0, 1000),
        body.split(String.fromCharCode(0)).join(''),
      ],
    );
  }
}
