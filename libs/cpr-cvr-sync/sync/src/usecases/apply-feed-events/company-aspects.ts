import { CompanyEvent, CompanyStatus, FeedAddress } from '@nemkonto/cpr-cvr-sync-feed-format';

// As for persons (person-aspects.ts): per aspect the newest value a batch sets.
export interface CompanyAspects {
  cvr: string;
  nameSeq: number;
  name: string | null;
  addressSeq: number;
  address: FeedAddress | null;
  statusSeq: number;
  status: CompanyStatus;
  statusDate: string | null;
}

// An SE or P number added (the newest per number wins).
export interface UnitNumber {
  readonly sequenceNo: number;
  readonly number: string;
  readonly cvr: string;
  readonly address: FeedAddress | null;
}

export interface FoldedCompanies {
  readonly companies: CompanyAspects[];
  readonly seNumbers: UnitNumber[];
  readonly pNumbers: UnitNumber[];
}

const blank = (cvr: string): CompanyAspects => ({
  cvr,
  nameSeq: 0,
  name: null,
  addressSeq: 0,
  address: null,
  statusSeq: 0,
  status: 'ACTIVE',
  statusDate: null,
});

function newest(into: Map<string, UnitNumber>, unit: UnitNumber): void {
  const known = into.get(unit.number);
  if (!known || known.sequenceNo < unit.sequenceNo) into.set(unit.number, unit);
}

export function foldCompanyEvents(events: readonly CompanyEvent[]): FoldedCompanies {
  const byCvr = new Map<string, CompanyAspects>();
  const se = new Map<string, UnitNumber>();
  const p = new Map<string, UnitNumber>();
  for (const e of events) {
    const a = byCvr.get(e.cvr) ?? blank(e.cvr);
    byCvr.set(e.cvr, a);
    const s = e.sequenceNo;
    const name = (value: string): void => {
      if (s <= a.nameSeq) return;
      a.nameSeq = s;
      a.name = value;
    };
    const address = (value: FeedAddress | null): void => {
      if (s <= a.addressSeq) return;
      a.addressSeq = s;
      a.address = value;
    };
    const status = (value: CompanyStatus, date: string | null): void => {
      if (s <= a.statusSeq) return;
      a.statusSeq = s;
      a.status = value;
      a.statusDate = value === 'ACTIVE' ? null : date;
    };
    switch (e.type) {
      case 'company.created':
        name(e.name);
        address(e.address);
        status(e.status, e.statusDate);
        break;
      case 'company.name-changed':
        name(e.name);
        break;
      case 'company.address-changed':
        address(e.address);
        break;
      case 'company.status-changed':
        status(e.status, e.statusDate);
        break;
      case 'company.se-number-added':
        newest(se, { sequenceNo: s, number: e.seNumber, cvr: e.cvr, address: e.address });
        break;
      case 'company.p-number-added':
        newest(p, { sequenceNo: s, number: e.pNumber, cvr: e.cvr, address: e.address });
        break;
      default: {
        const unknown: never = e;
        throw new Error(`unknown company event ${JSON.stringify(unknown)}`);
      }
    }
  }
  return { companies: [...byCvr.values()], seNumbers: [...se.values()], pNumbers: [...p.values()] };
}

// An address change alone changes nothing that is published.
export const touchesPublishedCompany = (a: CompanyAspects): boolean => a.nameSeq > 0 || a.statusSeq > 0;
