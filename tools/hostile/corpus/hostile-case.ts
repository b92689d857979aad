// The hostile-input corpus: each case is an input (or a builder of it) and the exact answer the
// system must give, plus what must still happen around it. The integration specs beside this
// folder drive every case through the real services; docs/hostile-input.md lists them (kept in
// sync by hostile-corpus.spec.ts).

export type Category = 'xml' | 'bundle' | 'payment' | 'bank-answers' | 'http';

// Where a bundle document goes in: HTTP upload (POST /bundles) or the authority exchange.
export type IntakePath = 'http' | 'amqp';

// A case runs once per path: its ids are made unique per run, so no run is a resend of another.
export interface Variant {
  readonly msgId: string;
  // An EndToEndId: the run's prefix and the case's own suffix.
  e2e(suffix: string): string;
  // Today (the services' clock), ISO date.
  readonly today: string;
}

export interface RejectedPaymentExpectation {
  readonly suffix: string;
  readonly reasonCode: string;
  readonly reason: string;
}

// What intake answers: the decisive answer (0 or 1 for the whole document, 2 for its payments),
// its group status, reason code and text, the HTTP status of the upload, and what goes on.
export interface ReceptionExpectation {
  readonly answer: 0 | 1 | 2;
  readonly groupStatus: 'RJCT' | 'ACTC' | 'PART';
  // NK<answer>-<reasonCode> in the group status reason; null for answer 2.
  readonly reasonCode: string | null;
  // The group reason text (pain.002 AddtlInf, at most 105 characters); a pattern only where the
  // XML parser's own message (with its position) is part of it.
  readonly reason: string | RegExp | ((v: Variant) => string);
  readonly httpStatus: 200 | 413 | 422;
  // An identical resend: the answers are those of the prior sending (same ids), none is new.
  readonly resend?: boolean;
  // Answer 2: exactly these payments refused, each with its reason.
  readonly rejected?: readonly RejectedPaymentExpectation[];
  // Payments that must be accepted and reach the bank (intake state DISPATCHED).
  readonly proceeds?: readonly string[];
  // Payments accepted at reception that dispatch refuses later (answer 9).
  readonly laterRejected?: readonly RejectedPaymentExpectation[];
  // Advice text that must reach the bank's PAYMUL (as the published EDIFACT parser reads it).
  readonly paymulAdvice?: string;
}

// Received with no payment refused: answer 1 ACTC and answer 2 ACTC.
export const allAccepted = (more: Partial<ReceptionExpectation> = {}): ReceptionExpectation => ({
  answer: 2,
  groupStatus: 'ACTC',
  reasonCode: null,
  reason: '0 payments rejected at reception',
  httpStatus: 200,
  rejected: [],
  ...more,
});

export interface IntakeCase {
  readonly category: 'xml' | 'bundle' | 'payment';
  readonly name: string;
  readonly build: (v: Variant) => string | Buffer;
  // HTTP only: the body is this stream instead (chunked, no Content-Length), read by the spec
  // until the service answers; the spec also bounds the service's memory meanwhile.
  readonly stream?: (v: Variant) => AsyncIterable<Buffer>;
  // HTTP only: this Content-Length is declared, and only the start of the document sent.
  readonly declaredLength?: number;
  // Sent (and received) first, with the same variant: for duplicates and resends.
  readonly prior?: (v: Variant) => string;
  // Default both.
  readonly paths?: readonly IntakePath[];
  readonly expected: ReceptionExpectation;
}

export type BankAnswerOutcome =
  'APPLIED' | 'UNREADABLE' | 'UNKNOWN_INTERCHANGE' | 'PARTLY_UNMATCHED' | 'DUPLICATE' | 'DEAD_LETTERED';

// What the bank-answer cases know of the interchange sent to the bank before them.
export interface BankContext {
  readonly interchangeRef: string;
  readonly debitRef: string;
  readonly bankEdifactId: string;
  // Payment references (RFF+CR / OrgnlEndToEndId) of payments still waiting for the bank, one
  // per case that needs one, by the case's index.
  paymentRef(index: number): string;
  readonly preparedAt: Date;
}

export interface BankAnswerDocument {
  readonly body: string;
  // AMQP type; null: none (dispatch recognises pain.002 by its first character).
  readonly type: string | null;
  // false: published without the user-id property (the sender cannot be identified).
  readonly withUserId?: boolean;
  // Publish the same document twice under the same message id (a redelivery).
  readonly redeliver?: boolean;
}

export interface BankAnswerCase {
  readonly category: 'bank-answers';
  readonly name: string;
  // The answer; `prior` is sent before it (and applied) when the case is about a repeat.
  readonly build: (ctx: BankContext, index: number) => BankAnswerDocument;
  readonly prior?: (ctx: BankContext, index: number) => BankAnswerDocument;
  readonly expected: {
    readonly outcome: BankAnswerOutcome;
    // bank_answers.detail (exact, or a pattern where the EDIFACT reader's position is in it).
    readonly detail: string | RegExp | ((index: number) => string) | null;
    // The case's payment afterwards: its final answer to the authority, exactly once.
    readonly paymentAnswer?: { readonly code: 8 | 9; readonly reasonCode: string } | 'NONE';
  };
}

export type Caller = 'none' | 'forged' | 'wrong-role' | 'right';

export interface HttpCase {
  readonly category: 'http';
  readonly name: string;
  readonly service: 'payment-intake' | 'bank-dispatch' | 'cpr-cvr-sync' | 'account-registry';
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly caller: Caller;
  // A JSON value (sent as JSON), or raw text with its content type.
  readonly body?: { readonly json: unknown } | { readonly raw: string; readonly contentType: string };
  readonly expected: {
    readonly status: number;
    // The error code in the body (`code`), when the service gives one.
    readonly code?: string;
    readonly field?: string;
    // Strings that must never appear in the response (the CPR number sent, the body itself).
    readonly neverEchoes?: readonly string[];
  };
}

export type HostileCase = IntakeCase | BankAnswerCase | HttpCase;

// The table row of a case in docs/hostile-input.md.
export function describeExpected(c: HostileCase): string {
  switch (c.category) {
    case 'xml':
    case 'bundle':
    case 'payment': {
      const e = c.expected;
      const head =
        e.answer === 2
          ? `1 ACTC + 2 ${e.groupStatus}${(e.rejected ?? []).map((r) => ` ${r.suffix}: ${r.reasonCode}`).join(',')}`
          : `${e.answer} ${e.groupStatus} ${e.reasonCode ?? ''}`.trim();
      // The reason text as the authority reads it (a pattern where the parser's position is in it;
      // left out where it names the case's own bundle id or dates).
      const text =
        e.answer === 2 || typeof e.reason === 'function'
          ? ''
          : typeof e.reason === 'string'
            ? `: "${e.reason}"`
            : `: \`${String(e.reason)}\``;
      const later = (e.laterRejected ?? []).map((r) => `; 9 ${r.reasonCode} for ${r.suffix}`).join('');
      const goes = e.proceeds?.length ? `; ${e.proceeds.join(', ')} reach the bank` : '';
      return `${head}${text} (HTTP ${e.httpStatus})${later}${goes}`;
    }
    case 'bank-answers': {
      const a = c.expected.paymentAnswer;
      const pay =
        a === undefined
          ? ''
          : a === 'NONE'
            ? '; the payment is not answered'
            : `; answer ${a.code} ${a.reasonCode}, once`;
      return `${c.expected.outcome}${pay}`;
    }
    case 'http':
      return `${c.expected.status}${c.expected.code ? ` ${c.expected.code}` : ''}${c.expected.field ? ` (${c.expected.field})` : ''}`;
  }
}
