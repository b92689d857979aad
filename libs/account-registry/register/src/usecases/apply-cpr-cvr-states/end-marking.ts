import { LocalDate } from '@nemkonto/domain';

export type PartyStatus = 'ACTIVE' | 'DEAD' | 'EMIGRATED' | 'INCAPACITATED' | 'BANKRUPT' | 'CEASED';

// From which day a NemKonto is no longer used, by the party's CPR/CVR status (domain notes §4):
// death → 3 years after the date of death; bankruptcy → the decree date; a ceased company →
// 360 days after; emigration and legal incapacity end nothing. Null: not end-marked.
export function endMarkedFrom(status: PartyStatus, statusDate: string | null): string | null {
  switch (status) {
    case 'DEAD':
      return statusDate === null ? null : addYears(statusDate, 3);
    case 'BANKRUPT':
      return statusDate;
    case 'CEASED':
      return statusDate === null ? null : LocalDate.addDays(statusDate, 360);
    case 'ACTIVE':
    case 'EMIGRATED':
    case 'INCAPACITATED':
      return null;
  }
}

// The same day n years on; 29 February becomes 28 February in a year without it.
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return LocalDate.fromUtcDate(target);
}
