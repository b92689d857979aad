import { PayerBundleRejection, PayerLookupAnswerDto, PayerLookupResultDto } from '@nemkonto/contracts';
import { createHash } from 'node:crypto';
import { answerFor, PayerLookupHit } from '../../lookups/payer-answer';
import { LookupMode } from '../../payers/private-payer';
import { BundleItem } from './lookup-bundle.command';

export interface AnswerDocument {
  readonly answerId: string;
  readonly bundleId: string | null;
  readonly text: string;
}

const digest = (...parts: string[]): string =>
  createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);

// The answer to a bundle that was looked up: one result per item, in the bundle's order. Its id
// derives from the payer, the bundle id and the content, so it is the same whenever it is sent.
export function answeredDocument(
  payerId: string,
  mode: LookupMode,
  bundle: {
    readonly bundleId: string;
    readonly contentSha256: string;
    readonly items: readonly BundleItem[];
  },
  hits: readonly PayerLookupHit[],
  at: Date,
): AnswerDocument {
  let next = 0;
  const results = bundle.items.map((item): PayerLookupResultDto => {
    if (!item.party)
      return {
        reference: item.reference,
        invalid: true,
        code: item.invalid?.code ?? 'INVALID',
        field: item.invalid?.field ?? '',
      };
    const hit = hits[next++];
    if (!hit) throw new Error('an item went unanswered');
    return { reference: item.reference, ...answerFor(mode, hit) };
  });
  const answer: PayerLookupAnswerDto = {
    answerId: `PLA-${digest(payerId, bundle.bundleId, bundle.contentSha256)}`,
    bundleId: bundle.bundleId,
    payerId,
    status: 'ANSWERED',
    mode,
    answeredAt: at.toISOString(),
    results,
  };
  return { answerId: answer.answerId, bundleId: bundle.bundleId, text: JSON.stringify(answer) };
}

// A bundle refused as a whole. `basis` is what the refusal is about (the published document's
// id, or the conflicting content), so a redelivery gets the same id.
export function rejectedDocument(
  payerId: string,
  bundleId: string | null,
  rejection: {
    readonly code: PayerBundleRejection;
    readonly message: string;
    readonly retryAfterSeconds?: number;
  },
  basis: string,
  at: Date,
): AnswerDocument {
  const answer: PayerLookupAnswerDto = {
    answerId: `PLR-${digest(payerId, bundleId ?? '', rejection.code, basis)}`,
    bundleId,
    payerId,
    status: 'REJECTED',
    code: rejection.code,
    message: rejection.message,
    ...(rejection.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: rejection.retryAfterSeconds }),
    answeredAt: at.toISOString(),
    results: [],
  };
  return { answerId: answer.answerId, bundleId, text: JSON.stringify(answer) };
}
