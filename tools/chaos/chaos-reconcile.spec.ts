import { ReceivedAnswer } from './authority-client';
import { ReconcileInput, reconcile } from './chaos-reconcile';
import { paymulCredits } from './chaos-run';

// Three payments of one bundle: one refused at reception (2), one without account (7), one paid.
const base = (): ReconcileInput => ({
  expected: [
    { authorityId: 'A', endToEndId: 'E1', amountOre: 100, fate: 2 },
    { authorityId: 'A', endToEndId: 'E2', amountOre: 250, fate: 7 },
    { authorityId: 'A', endToEndId: 'E3', amountOre: 1_000, fate: 'BANK' },
  ],
  bundles: [{ authorityId: 'A', msgId: 'B1' }],
  intakePayments: [
    { authorityId: 'A', endToEndId: 'E2', paymentRef: 'r2', state: 'NO_ACCOUNT' },
    { authorityId: 'A', endToEndId: 'E3', paymentRef: 'r3', state: 'BANK_ACCEPTED' },
  ],
  receptionRefusals: [{ authorityId: 'A', endToEndId: 'E1' }],
  credits: [{ paymentRef: 'r3', amountOre: 1_000 }],
  answers: new Map<string, ReceivedAnswer[]>([
    [
      'A',
      [
        { answerId: 'a1', code: 1, originalMsgId: 'B1', endToEndIds: [] },
        { answerId: 'a2', code: 2, originalMsgId: 'B1', endToEndIds: ['E1'] },
        { answerId: 'a7', code: 7, originalMsgId: 'B1', endToEndIds: ['E2'] },
        { answerId: 'a8', code: 8, originalMsgId: 'B1', endToEndIds: ['E3'] },
      ],
    ],
  ]),
});

describe('chaos reconciliation', () => {
  it('finds nothing wrong when every payment has its one fate, answer and credit', () => {
    const r = reconcile(base());
    expect(r).toMatchObject({
      payments: 3,
      payable: 1,
      payableSumOre: 1_000,
      lost: 0,
      duplicated: 0,
      sumMismatchOre: 0,
    });
    expect(r.problems).toEqual({});
  });

  it('counts a payment paid twice as duplicated, with the sum off by its amount', () => {
    const input = base();
    const r = reconcile({ ...input, credits: [...input.credits, { paymentRef: 'r3', amountOre: 1_000 }] });
    expect(r.duplicated).toBe(1);
    expect(r.sumMismatchOre).toBe(1_000);
    expect(r.problems['in more than one PAYMUL credit']).toBe(1);
  });

  it('counts a payment without final answer, terminal state or credit as lost', () => {
    const input = base();
    const r = reconcile({
      ...input,
      intakePayments: input.intakePayments.map((p) =>
        p.endToEndId === 'E3' ? { ...p, state: 'DISPATCHED' } : p,
      ),
      credits: [],
      answers: new Map([['A', (input.answers.get('A') ?? []).filter((a) => a.code !== 8)]]),
    });
    expect(r.lost).toBe(1);
    expect(r.problems).toEqual({ 'no terminal state': 1, 'no final answer': 1, 'not in any PAYMUL': 1 });
  });

  it('counts two answers of one kind (different ids) as duplicated, and a wrong kind as lost', () => {
    const input = base();
    const answers = [...(input.answers.get('A') ?? [])];
    answers.push({ answerId: 'a8bis', code: 8, originalMsgId: 'B1', endToEndIds: ['E3'] });
    answers.push({ answerId: 'a9', code: 9, originalMsgId: 'B1', endToEndIds: ['E2'] });
    const r = reconcile({ ...input, answers: new Map([['A', answers]]) });
    expect(r.problems['answer 8 twice']).toBe(1);
    expect(r.problems['two final answers']).toBe(1);
    expect(r.duplicated).toBe(2);
  });

  it('counts a bundle without its receipt as lost', () => {
    const input = base();
    const r = reconcile({ ...input, answers: new Map([['A', (input.answers.get('A') ?? []).slice(1)]]) });
    expect(r.problems).toEqual({ 'bundle without answer 1': 1 });
    expect(r.lost).toBe(1);
  });

  it("reads each PAYMUL credit's reference and amount in øre", () => {
    const doc =
      "UNB+UNOC:3+NEMKONTO+X+260302:1000+NK1'UNH+1+PAYMUL:D:96A:UN'MOA+9:30,05'" +
      "SEQ++1'MOA+9:10,5'RFF+CR:abc'SEQ++2'MOA+9:19,55'RFF+CR:def'UNT+7+1'UNZ+1+NK1'";
    expect(paymulCredits(doc)).toEqual([
      { paymentRef: 'abc', amountOre: 1050 },
      { paymentRef: 'def', amountOre: 1955 },
    ]);
  });
});
