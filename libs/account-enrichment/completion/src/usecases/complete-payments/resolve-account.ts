import { AccountDto, RegistryAccountChangedV1 } from '@nemkonto/contracts';

export type Resolution =
  | { readonly found: true; readonly account: AccountDto; readonly source: 'NEMKONTO' | 'BENEFIT_SPECIFIC' }
  | { readonly found: false; readonly reason: string };

export type PartyAccounts = Pick<RegistryAccountChangedV1, 'nemkonto' | 'benefitSpecific' | 'endMarkedFrom'>;

const inForce = (v: { effectiveFrom: string; effectiveTo: string | null }, date: string): boolean =>
  v.effectiveFrom <= date && (v.effectiveTo === null || date < v.effectiveTo);

// Which account a payment goes to on `date`: the benefit-specific account the paying authority
// set up for this benefit type if one is in force, else the NemKonto in force; nothing for an
// end-marked party. ISO dates compare correctly as strings.
export function resolveAccount(
  party: PartyAccounts | undefined,
  authorityId: string,
  benefitType: string,
  date: string,
): Resolution {
  if (!party) return { found: false, reason: 'no NemKonto is registered for the recipient' };
  if (party.endMarkedFrom !== null && party.endMarkedFrom <= date) {
    return { found: false, reason: `the recipient's NemKonto is end-marked from ${party.endMarkedFrom}` };
  }
  const specific = party.benefitSpecific.find(
    (b) => b.authorityId === authorityId && b.benefitType === benefitType && inForce(b, date),
  );
  if (specific) return { found: true, account: specific.account, source: 'BENEFIT_SPECIFIC' };
  const nemkonto = party.nemkonto.find((v) => inForce(v, date));
  if (nemkonto) return { found: true, account: nemkonto.account, source: 'NEMKONTO' };
  return { found: false, reason: `no NemKonto of the recipient is in force on ${date}` };
}
