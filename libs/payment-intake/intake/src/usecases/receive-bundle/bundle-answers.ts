import { NemKontoAnswer, paymentCount } from '@nemkonto/payment-intake-pain002';
import { createHash } from 'node:crypto';
import { ReceiveBundleResult } from './receive-bundle.result';

// A resend of the same bundle gets answers with the same ids, so the authority can deduplicate.
export function answerId(authorityId: string, msgId: string | null, code: number, salt: string): string {
  const digest = createHash('sha256')
    .update(`${authorityId}|${msgId ?? ''}|${code}|${salt}`)
    .digest('hex');
  return `NK${code}-${digest.slice(0, 31)}`;
}

// The reception answers for one bundle: 0 (unreadable), 1 (received or rejected), and 2 (the
// payments refused at reception) when the bundle was received.
export function bundleAnswers(authorityId: string, result: ReceiveBundleResult, now: Date): NemKontoAnswer[] {
  if (result.answer === 0) {
    return [
      {
        answerId: answerId(authorityId, null, 0, `${result.code}|${result.documentHash}`),
        createdAt: now,
        code: 0,
        originalMsgId: null,
        groupStatus: 'RJCT',
        groupReasonCode: result.code,
        groupReason: result.reason,
        originalCount: null,
        transactions: [],
      },
    ];
  }
  if (result.status === 'REJECTED') {
    return [
      {
        answerId: answerId(authorityId, result.msgId, 1, result.code),
        createdAt: now,
        code: 1,
        originalMsgId: result.msgId,
        groupStatus: 'RJCT',
        groupReasonCode: result.code,
        groupReason: result.reason,
        originalCount: null,
        transactions: [],
      },
    ];
  }
  return [
    {
      answerId: answerId(authorityId, result.msgId, 1, 'received'),
      createdAt: now,
      code: 1,
      originalMsgId: result.msgId,
      groupStatus: 'ACTC',
      groupReasonCode: null,
      groupReason: `bundle received: ${result.acceptedCount} of ${paymentCount(result.paymentCount)} accepted`,
      originalCount: result.paymentCount,
      transactions: [],
    },
    {
      answerId: answerId(authorityId, result.msgId, 2, 'reception'),
      createdAt: now,
      code: 2,
      originalMsgId: result.msgId,
      groupStatus: result.rejected.length === 0 ? 'ACTC' : result.acceptedCount === 0 ? 'RJCT' : 'PART',
      groupReasonCode: null,
      groupReason: `${paymentCount(result.rejected.length)} rejected at reception`,
      originalCount: result.paymentCount,
      transactions: result.rejected.map((r) => ({
        pmtInfId: r.pmtInfId,
        endToEndId: r.endToEndId,
        status: 'RJCT' as const,
        reasonCode: r.code,
        reason: r.reason,
      })),
    },
  ];
}
