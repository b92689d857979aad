import { answerFor } from './payer-answer';

const account = { kind: 'DK' as const, regNo: '3001', accountNo: '0012345678' };

describe('answers to private payers', () => {
  it('gives a FULL payer the account and nothing else, or the reason there is none', () => {
    expect(answerFor('FULL', { outcome: 'FOUND', account })).toEqual({ found: true, account });
    for (const code of ['NO_ACCOUNT', 'END_MARKED', 'OPTED_OUT'] as const)
      expect(answerFor('FULL', { outcome: code, account: null })).toEqual({ found: false, code });
  });

  it('gives a YES_NO payer only registered true or false, an opt-out looking like no account', () => {
    expect(answerFor('YES_NO', { outcome: 'FOUND', account })).toEqual({ registered: true });
    for (const outcome of ['NO_ACCOUNT', 'END_MARKED', 'OPTED_OUT'] as const)
      expect(answerFor('YES_NO', { outcome, account: null })).toEqual({ registered: false });
  });
});
