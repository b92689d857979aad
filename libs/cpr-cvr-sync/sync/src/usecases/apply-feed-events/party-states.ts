import { CompanyStateDto, PersonStateDto } from '@nemkonto/contracts';
import { CompanyRow } from './company.store';
import { PersonRow } from './person.store';

const PERSON_STATUS = { A: 'ACTIVE', D: 'DEAD', E: 'EMIGRATED', U: 'INCAPACITATED' } as const;
const COMPANY_STATUS = { A: 'ACTIVE', B: 'BANKRUPT', C: 'CEASED' } as const;

// The name as published: never for a protected person (it is used on letters only).
export function publishedName(r: Pick<PersonRow, 'first_names' | 'last_name' | 'protected'>): string | null {
  if (r.protected) return null;
  const name = [r.first_names, r.last_name].filter((p) => p !== null && p !== '').join(' ');
  return name === '' ? null : name.slice(0, 140);
}

export function personState(r: PersonRow, previousCpr: string | null): PersonStateDto {
  const status = PERSON_STATUS[r.status];
  return {
    sequenceNo: r.seq,
    cpr: r.cpr,
    previousCpr,
    status,
    statusDate: status === 'ACTIVE' ? null : r.status_date,
    name: publishedName(r),
    protected: r.protected,
  };
}

export function companyState(r: CompanyRow): CompanyStateDto {
  const status = COMPANY_STATUS[r.status];
  return {
    sequenceNo: r.seq,
    cvr: r.cvr,
    seNumbers: r.se_numbers,
    pNumbers: r.p_numbers,
    status,
    statusDate: status === 'ACTIVE' ? null : r.status_date,
    name: r.name === null ? null : r.name.slice(0, 140),
  };
}

export const MAX_STATES_PER_MESSAGE = 1000;

export function chunks<T>(items: readonly T[], size = MAX_STATES_PER_MESSAGE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
