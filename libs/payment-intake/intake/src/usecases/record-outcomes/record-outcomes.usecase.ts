import {
  PaymentsBankStatusV1,
  PaymentsCompletedV1,
  PaymentsDispatchedV1,
  PaymentsStopResultV1,
} from '@nemkonto/contracts';
import {
  NemKontoAnswer,
  NemKontoAnswerCode,
  TransactionAnswer,
  paymentCount,
} from '@nemkonto/payment-intake-pain002';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AnswerIssuer } from '../../answers/answer-issuer';
import { answerId } from '../receive-bundle/bundle-answers';
import { TransitionedPayment, transitionPayments } from './payment-transitions';

// What the other services report about payments, recorded in each payment's state and history,
// and answered to the authority: 7 no account, 8 accepted by the bank, 9 rejected by the bank,
// 5 stopped (or a stop refused). Each answer covers the payments of one bundle that changed
// state because of one message; `messageId` (the reporting message) makes its id stable.
@Injectable()
export class RecordOutcomesUseCase {
  constructor(private readonly answers: AnswerIssuer) {}

  async completed(m: EntityManager, msg: PaymentsCompletedV1, messageId: string, now: Date): Promise<void> {
    await transitionPayments(m, {
      paymentIds: msg.completed.map((p) => p.paymentId),
      details: msg.completed.map((p) => `completed: account from ${p.accountSource}`),
      accountSources: msg.completed.map((p) => p.accountSource),
      from: ['RECEIVED', 'HELD'],
      to: 'COMPLETED',
      service: 'account-enrichment',
    });
    await transitionPayments(m, {
      paymentIds: msg.held.map((p) => p.paymentId),
      details: msg.held.map((p) => `no account yet: held until ${p.heldUntil}`),
      from: ['RECEIVED'],
      to: 'HELD',
      service: 'account-enrichment',
    });
    const noAccount = await transitionPayments(m, {
      paymentIds: msg.notCompleted.map((p) => p.paymentId),
      details: msg.notCompleted.map((p) => p.reason),
      reasonCodes: msg.notCompleted.map(() => 'NO_ACCOUNT'),
      from: ['RECEIVED', 'HELD'],
      to: 'NO_ACCOUNT',
      service: 'account-enrichment',
      answerCode: 7,
    });
    await this.answer(m, 7, noAccount, messageId, now, 'RJCT');
  }

  async dispatched(m: EntityManager, msg: PaymentsDispatchedV1): Promise<void> {
    await transitionPayments(m, {
      paymentIds: msg.payments.map((p) => p.paymentId),
      details: msg.payments.map(
        () => `sent to bank ${msg.bankId} in interchange ${msg.interchangeRef} for ${msg.executionDate}`,
      ),
      from: ['COMPLETED'],
      to: 'DISPATCHED',
      service: 'bank-dispatch',
      interchangeRef: msg.interchangeRef,
      executionDate: msg.executionDate,
    });
  }

  async bankStatus(m: EntityManager, msg: PaymentsBankStatusV1, messageId: string, now: Date): Promise<void> {
    for (const [status, to, code, txStatus] of [
      ['ACCEPTED', 'BANK_ACCEPTED', 8, 'ACSC'],
      ['REJECTED', 'BANK_REJECTED', 9, 'RJCT'],
    ] as const) {
      const statuses = msg.statuses.filter((s) => s.status === status);
      const moved = await transitionPayments(m, {
        paymentIds: statuses.map((s) => s.paymentId),
        details: statuses.map(
          (s) =>
            s.reason ?? (status === 'ACCEPTED' ? `executed by bank ${msg.bankId}` : 'rejected by the bank'),
        ),
        reasonCodes: statuses.map((s) => s.reasonCode ?? (status === 'ACCEPTED' ? 'EXECUTED' : 'REJECTED')),
        // Reports do not arrive in order: one outcomes queue, consumed concurrently, and a
        // delivery requeued after a crash comes back behind later ones. The bank may answer before
        // intake has heard that the payment was completed or dispatched; those reports, when they
        // come, find it final and change nothing.
        from: ['RECEIVED', 'HELD', 'COMPLETED', 'DISPATCHED'],
        to,
        service: 'bank-dispatch',
        answerCode: code,
      });
      await this.answer(m, code, moved, messageId, now, txStatus);
    }
  }

  async stopResult(m: EntityManager, msg: PaymentsStopResultV1, messageId: string, now: Date): Promise<void> {
    const stopped = msg.results.filter((r) => r.stopped);
    const moved = await transitionPayments(m, {
      paymentIds: stopped.map((r) => r.paymentId),
      details: stopped.map((r) => r.reason),
      reasonCodes: stopped.map(() => 'STOPPED'),
      from: ['RECEIVED', 'HELD', 'COMPLETED'],
      to: 'STOPPED',
      service: 'bank-dispatch',
      answerCode: 5,
    });
    await this.answer(m, 5, moved, messageId, now, 'CANC');
    const refused = msg.results.filter((r) => !r.stopped);
    if (refused.length === 0) return;
    const rows = (await m.query(
      `SELECT p.payment_id, p.authority_id, p.bundle_key, b.msg_id, p.pmt_inf_id, p.end_to_end_id, p.amount_ore
         FROM payments p JOIN bundles b USING (bundle_key) WHERE p.payment_id = ANY($1::uuid[])`,
      [refused.map((r) => r.paymentId)],
    )) as Record<string, string>[];
    const reasons = new Map(refused.map((r) => [r.paymentId, r.reason]));
    const refusals: TransitionedPayment[] = rows.map((r) => ({
      paymentId: r['payment_id'] ?? '',
      authorityId: r['authority_id'] ?? '',
      bundleKey: r['bundle_key'] ?? '',
      msgId: r['msg_id'] ?? '',
      pmtInfId: r['pmt_inf_id'] ?? '',
      endToEndId: r['end_to_end_id'] ?? '',
      amountOre: Number(r['amount_ore']),
      detail: reasons.get(r['payment_id'] ?? '') ?? 'stop refused',
      reasonCode: 'STOP_REFUSED',
    }));
    await m.query(
      `INSERT INTO payment_events (payment_id, service, state, answer_code, detail)
       SELECT p.payment_id, 'bank-dispatch', p.state, 5, x.detail
         FROM unnest($1::uuid[], $2::text[]) AS x(id, detail) JOIN payments p ON p.payment_id = x.id`,
      [refusals.map((r) => r.paymentId), refusals.map((r) => `stop refused: ${r.detail}`)],
    );
    await this.answer(m, 5, refusals, `${messageId}:refused`, now, 'RJCT');
  }

  // One answer per (authority, bundle) among the payments given.
  async answer(
    m: EntityManager,
    code: NemKontoAnswerCode,
    payments: readonly TransitionedPayment[],
    salt: string,
    now: Date,
    status: TransactionAnswer['status'],
  ): Promise<void> {
    const byBundle = new Map<string, TransitionedPayment[]>();
    for (const p of payments) byBundle.set(p.bundleKey, [...(byBundle.get(p.bundleKey) ?? []), p]);
    for (const [bundleKey, group] of byBundle) {
      const first = group[0];
      if (!first) continue;
      const answer: NemKontoAnswer = {
        answerId: answerId(first.authorityId, first.msgId, code, `${salt}:${bundleKey}:${status}`),
        createdAt: now,
        code,
        originalMsgId: first.msgId,
        groupStatus:
          status === 'RJCT' ? 'RJCT' : status === 'ACSC' ? 'ACSC' : status === 'CANC' ? 'CANC' : 'ACCP',
        groupReasonCode: null,
        groupReason: paymentCount(group.length),
        originalCount: null,
        transactions: group.map((p) => ({
          pmtInfId: p.pmtInfId || null,
          endToEndId: p.endToEndId,
          status,
          reasonCode: p.reasonCode ?? status,
          reason: p.detail,
        })),
      };
      await this.answers.issue(m, first.authorityId, [answer], bundleKey);
    }
  }
}
