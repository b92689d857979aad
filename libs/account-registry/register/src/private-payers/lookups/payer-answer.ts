import { AccountDto } from '@nemkonto/contracts';
import { LookupMode } from '../payers/private-payer';

// What a lookup found for a private payer. Nothing else of the register (history, dates,
// benefit-specific accounts, which are for their authority only) ever leaves for a payer.
export type PayerLookupOutcome = 'FOUND' | 'NO_ACCOUNT' | 'END_MARKED' | 'OPTED_OUT';

export interface PayerLookupHit {
  readonly outcome: PayerLookupOutcome;
  readonly account: AccountDto | null;
}

export type PayerAnswer =
  | { readonly found: true; readonly account: AccountDto }
  | { readonly found: false; readonly code: Exclude<PayerLookupOutcome, 'FOUND'> }
  | { readonly registered: boolean };

// FULL mode: the account or why there is none; OPTED_OUT is answered whether or not the party
// has an account, so it says nothing about the register. YES_NO mode: only whether the party
// can be paid through NemKonto; an opted-out party is `registered: false` like one without an
// account, so a yes/no payer cannot tell an opt-out (a choice of the person) from a missing
// account.
export function answerFor(mode: LookupMode, hit: PayerLookupHit): PayerAnswer {
  switch (mode) {
    case 'YES_NO':
      return { registered: hit.outcome === 'FOUND' };
    case 'FULL':
      if (hit.outcome === 'FOUND' && hit.account) return { found: true, account: hit.account };
      return { found: false, code: hit.outcome === 'FOUND' ? 'NO_ACCOUNT' : hit.outcome };
  }
}
