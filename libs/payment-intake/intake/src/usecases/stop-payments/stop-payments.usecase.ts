import { Pain001FormatError, StopRequest, readCamt055 } from '@nemkonto/payment-intake-pain001';
import { paymentCount } from '@nemkonto/payment-intake-pain002';
import { MessageContext } from '@nemkonto/platform-messaging';
import { Clock } from '@nemkonto/platform-service-kit';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AnswerIssuer } from '../../answers/answer-issuer';
import { answerId } from '../receive-bundle/bundle-answers';
import { TransitionedPayment } from '../record-outcomes/payment-transitions';
import { RecordOutcomesUseCase } from '../record-outcomes/record-outcomes.usecase';

interface PaymentRow {
  payment_id: string;
  bundle_key: string;
  msg_id: string;
  pmt_inf_id: string;
  end_to_end_id: string;
  amount_ore: string;
  state: string;
}

const FINAL: Record<string, string> = {
  NO_ACCOUNT: 'the payment was already answered with 7 (no account)',
  STOPPED: 'the payment is already stopped',
  BANK_ACCEPTED: 'the bank has already executed the payment',
  BANK_REJECTED: 'the bank has already rejected the payment',
};

// A stop request (camt.055): payments intake still knows to be open go to bank-dispatch, the only
// service that knows whether a payment has left for the bank (its answer comes back as
// payments.stop-result → answer 5). Payments that are unknown or already final are refused at
// once with the reason. The same request sent again changes nothing.
@Injectable()
export class StopPaymentsUseCase {
  constructor(
    private readonly answers: AnswerIssuer,
    private readonly outcomes: RecordOutcomesUseCase,
    private readonly clock: Clock,
  ) {}

  async executeIn(m: EntityManager, authorityId: string, body: Buffer, ctx: MessageContext): Promise<void> {
    const now = this.clock.now();
    const hash = createHash('sha256').update(body).digest('hex');
    let request: StopRequest;
    try {
      request = readCamt055(body);
    } catch (err) {
      if (!(err instanceof Pain001FormatError)) throw err;
      await this.refuseRequest(
        m,
        authorityId,
        null,
        hash,
        now,
        'UNREADABLE',
        `unreadable stop request: ${err.message}`,
        0,
      );
      return;
    }
    if (request.authorityId !== authorityId) {
      await this.refuseRequest(
        m,
        authorityId,
        request.requestId,
        hash,
        now,
        'UNKNOWN_AUTHORITY',
        `the request names authority ${request.authorityId.slice(0, 50)}, but was sent by ${authorityId}`,
        5,
      );
      return;
    }
    const inserted = (await m.query(
      `INSERT INTO stop_requests (authority_id, msg_id, content_hash) VALUES ($1, $2, $3)
       ON CONFLICT (authority_id, msg_id) DO NOTHING RETURNING msg_id`,
      [authorityId, request.requestId, hash],
    )) as unknown[];
    if (inserted.length === 0) {
      const [prior] = (await m.query(
        'SELECT content_hash FROM stop_requests WHERE authority_id = $1 AND msg_id = $2',
        [authorityId, request.requestId],
      )) as { content_hash: string }[];
      if (prior?.content_hash !== hash) {
        await this.refuseRequest(
          m,
          authorityId,
          request.requestId,
          hash,
          now,
          'REQUEST_ID_REUSED',
          `stop request id ${request.requestId} was already used for another request`,
          5,
        );
      }
      return;
    }
    const ids = [...new Set(request.items.map((i) => i.endToEndId))];
    const rows = (await m.query(
      `SELECT p.payment_id, p.bundle_key, b.msg_id, p.pmt_inf_id, p.end_to_end_id, p.amount_ore, p.state
         FROM payments p JOIN bundles b USING (bundle_key)
        WHERE p.authority_id = $1 AND p.end_to_end_id = ANY($2::text[])`,
      [authorityId, ids],
    )) as PaymentRow[];
    const known = new Map(rows.map((r) => [r.end_to_end_id, r]));
    const open = rows.filter((r) => FINAL[r.state] === undefined);
    for (let i = 0; i < open.length; i += 1000) {
      await ctx.send('payments.stop-requested', {
        authorityId,
        requestMsgId: request.requestId,
        payments: open
          .slice(i, i + 1000)
          .map((r) => ({ paymentId: r.payment_id, endToEndId: r.end_to_end_id })),
      });
    }
    const refusals: TransitionedPayment[] = rows
      .filter((r) => FINAL[r.state] !== undefined)
      .map((r) => ({
        paymentId: r.payment_id,
        authorityId,
        bundleKey: r.bundle_key,
        msgId: r.msg_id,
        pmtInfId: r.pmt_inf_id,
        endToEndId: r.end_to_end_id,
        amountOre: Number(r.amount_ore),
        detail: FINAL[r.state] ?? r.state,
        reasonCode: 'STOP_REFUSED',
      }));
    await this.outcomes.answer(m, 5, refusals, `stop:${request.requestId}`, now, 'RJCT');
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      await this.answers.issue(m, authorityId, [
        {
          answerId: answerId(authorityId, request.requestId, 5, 'unknown'),
          createdAt: now,
          code: 5,
          originalMsgId: request.requestId,
          originalMsgName: 'camt.055.001.08',
          groupStatus: 'RJCT',
          groupReasonCode: 'UNKNOWN_PAYMENT',
          groupReason: `${paymentCount(unknown.length)} named in the stop request ${unknown.length === 1 ? 'is' : 'are'} unknown`,
          originalCount: request.items.length,
          transactions: unknown.map((id) => ({
            pmtInfId: null,
            endToEndId: id,
            status: 'RJCT' as const,
            reasonCode: 'UNKNOWN_PAYMENT',
            reason: `no payment with EndToEndId ${id} from ${authorityId}`,
          })),
        },
      ]);
    }
  }

  private async refuseRequest(
    m: EntityManager,
    authorityId: string,
    requestId: string | null,
    hash: string,
    now: Date,
    code: string,
    reason: string,
    answerCode: 0 | 5,
  ): Promise<void> {
    await this.answers.issue(m, authorityId, [
      {
        answerId: answerId(authorityId, requestId, answerCode, `${code}:${hash}`),
        createdAt: now,
        code: answerCode,
        originalMsgId: requestId,
        originalMsgName: 'camt.055.001.08',
        groupStatus: 'RJCT',
        groupReasonCode: code,
        groupReason: reason,
        originalCount: null,
        transactions: [],
      },
    ]);
  }
}
