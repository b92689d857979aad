// Reconciliation of a chaos run from the sources of truth: what was sent (expected fates), intake's
// payment states and reception refusals, the credits of every stored PAYMUL interchange, and the
// pain.002 answers the authorities received. Pure, so it is tested on its own.
import { ReceivedAnswer } from './authority-client';
import { ExpectedPayment } from './chaos-workload';

export interface IntakePayment {
  readonly authorityId: string;
  readonly endToEndId: string;
  readonly paymentRef: string;
  readonly state: string;
}

export interface PaymulCredit {
  readonly paymentRef: string;
  readonly amountOre: number;
}

export interface ReconcileInput {
  readonly expected: readonly ExpectedPayment[];
  readonly bundles: readonly { authorityId: string; msgId: string }[];
  readonly intakePayments: readonly IntakePayment[];
  // (authority, EndToEndId) of every payment refused at reception.
  readonly receptionRefusals: readonly { authorityId: string; endToEndId: string }[];
  readonly credits: readonly PaymulCredit[];
  readonly answers: ReadonlyMap<string, readonly ReceivedAnswer[]>;
}

export interface Reconciliation {
  readonly payments: number;
  readonly payable: number;
  readonly payableSumOre: number;
  readonly paymulCredits: number;
  readonly paymulSumOre: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly sumMismatchOre: number;
  readonly byAnswer: Record<string, number>;
  // Counts per kind of problem (a payment can show more than one).
  readonly problems: Record<string, number>;
  // A few examples per problem, for the summary.
  readonly examples: Record<string, string[]>;
}

const TERMINAL = new Set(['BANK_ACCEPTED', 'BANK_REJECTED', 'NO_ACCOUNT', 'STOPPED']);
const FINAL_CODES = [2, 5, 7, 8, 9];

export function reconcile(input: ReconcileInput): Reconciliation {
  const key = (authorityId: string, e2e: string): string => `${authorityId}|${e2e}`;
  const problems: Record<string, number> = {};
  const examples: Record<string, string[]> = {};
  const lost = new Set<string>();
  const duplicated = new Set<string>();
  const flag = (problem: string, k: string, into: Set<string>): void => {
    problems[problem] = (problems[problem] ?? 0) + 1;
    const list = (examples[problem] ??= []);
    if (list.length < 3) list.push(k);
    into.add(k);
  };

  const intake = new Map(input.intakePayments.map((p) => [key(p.authorityId, p.endToEndId), p]));
  const byRef = new Map(input.intakePayments.map((p) => [p.paymentRef, key(p.authorityId, p.endToEndId)]));
  const refused = new Map<string, number>();
  for (const r of input.receptionRefusals) {
    const k = key(r.authorityId, r.endToEndId);
    refused.set(k, (refused.get(k) ?? 0) + 1);
  }
  const credits = new Map<string, number>();
  let paymulSumOre = 0;
  for (const c of input.credits) {
    const k = byRef.get(c.paymentRef) ?? `unknown-ref|${c.paymentRef}`;
    credits.set(k, (credits.get(k) ?? 0) + 1);
    paymulSumOre += c.amountOre;
  }
  // (payment, code) → distinct answers naming it; bundle → distinct answers 1.
  const answered = new Map<string, Map<number, number>>();
  const receipts = new Map<string, number>();
  const byAnswer: Record<string, number> = {};
  for (const [authorityId, answers] of input.answers) {
    for (const a of answers) {
      if (a.code === 1)
        receipts.set(
          key(authorityId, a.originalMsgId),
          (receipts.get(key(authorityId, a.originalMsgId)) ?? 0) + 1,
        );
      for (const e2e of a.endToEndIds) {
        byAnswer[String(a.code)] = (byAnswer[String(a.code)] ?? 0) + 1;
        const codes = answered.get(key(authorityId, e2e)) ?? new Map<number, number>();
        codes.set(a.code, (codes.get(a.code) ?? 0) + 1);
        answered.set(key(authorityId, e2e), codes);
      }
    }
  }

  let payable = 0;
  let payableSumOre = 0;
  for (const e of input.expected) {
    const k = key(e.authorityId, e.endToEndId);
    const p = intake.get(k);
    const codes = answered.get(k) ?? new Map<number, number>();
    // Exactly one terminal state: refused at reception, or a final state in intake.
    const terminal = (refused.get(k) ?? 0) + (p && TERMINAL.has(p.state) ? 1 : 0);
    if (terminal === 0) flag('no terminal state', k, lost);
    if (terminal > 1 || (refused.get(k) ?? 0) > 1) flag('more than one terminal state', k, duplicated);
    // Exactly one answer per answer kind, and one final answer.
    for (const [code, n] of codes) if (n > 1) flag(`answer ${code} twice`, k, duplicated);
    const finals = FINAL_CODES.filter((c) => codes.has(c));
    if (finals.length === 0) flag('no final answer', k, lost);
    if (finals.length > 1) flag('two final answers', k, duplicated);
    const wanted = e.fate === 'BANK' ? [8, 9] : [e.fate];
    if (finals.length === 1 && !wanted.includes(finals[0] as number))
      flag(`answer ${finals[0]} instead of ${wanted.join('/')}`, k, lost);
    // Every payable payment in exactly one PAYMUL; nothing else in any.
    const n = credits.get(k) ?? 0;
    if (e.fate === 'BANK') {
      payable++;
      payableSumOre += e.amountOre;
      if (n === 0) flag('not in any PAYMUL', k, lost);
    } else if (n > 0) {
      flag('in a PAYMUL though not payable', k, duplicated);
    }
    if (n > 1) flag('in more than one PAYMUL credit', k, duplicated);
  }
  const expectedKeys = new Set(input.expected.map((e) => key(e.authorityId, e.endToEndId)));
  for (const k of credits.keys())
    if (!expectedKeys.has(k)) flag('PAYMUL credit for no payment sent', k, duplicated);
  for (const b of input.bundles) {
    const n = receipts.get(key(b.authorityId, b.msgId)) ?? 0;
    if (n === 0) flag('bundle without answer 1', key(b.authorityId, b.msgId), lost);
    if (n > 1) flag('bundle with answer 1 twice', key(b.authorityId, b.msgId), duplicated);
  }
  return {
    payments: input.expected.length,
    payable,
    payableSumOre,
    paymulCredits: input.credits.length,
    paymulSumOre,
    lost: lost.size,
    duplicated: duplicated.size,
    sumMismatchOre: Math.abs(paymulSumOre - payableSumOre),
    byAnswer,
    problems,
    examples,
  };
}
