import { FIELD_LIMITS, FeedEventType } from './feed-event';

// The fixed-width record layout of feed files, in the style of the CPR extract: one record per
// line, the record type in columns 1-3. docs/cpr-cvr-feeds.md documents it column by column;
// offsets here are 0-based (column = offset + 1). Files are ISO 8859-1, so a column is a byte.
// LIVE FORMAT: the CPR and CVR offices write files in it. Never move a field; add new record
// types instead.

export const START_RECORD = '000';
export const END_RECORD = '999';

export type DataRecordCode =
  '001' | '002' | '003' | '004' | '005' | '006' | '101' | '102' | '103' | '104' | '105' | '106';

export const RECORD_TYPES: Readonly<Record<DataRecordCode, FeedEventType>> = {
  '001': 'person.created',
  '002': 'person.address-changed',
  '003': 'person.protection-changed',
  '004': 'person.status-changed',
  '005': 'person.number-changed',
  '006': 'person.name-changed',
  '101': 'company.created',
  '102': 'company.se-number-added',
  '103': 'company.p-number-added',
  '104': 'company.status-changed',
  '105': 'company.name-changed',
  '106': 'company.address-changed',
};

export const RECORD_CODES = Object.fromEntries(
  Object.entries(RECORD_TYPES).map(([code, type]) => [type, code]),
) as Readonly<Record<FeedEventType, DataRecordCode>>;

export interface Field {
  readonly at: number;
  readonly width: number;
}

const f = (at: number, width: number): Field => ({ at, width });

// Every data record starts with: type (1-3), sequence number (4-15), CPR or CVR (16-25; a CVR is
// left-aligned in 8 columns followed by 2 spaces), effective date YYYYMMDD (26-33).
export const COMMON = {
  type: f(0, 3),
  sequenceNo: f(3, 12),
  id: f(15, 10),
  effectiveDate: f(25, 8),
} as const;
export const DATA_START = 33;

// An address block: 74 columns from its start.
export const ADDRESS_BLOCK = {
  street: f(0, FIELD_LIMITS.street),
  houseNo: f(40, FIELD_LIMITS.houseNo),
  floor: f(44, FIELD_LIMITS.floor),
  door: f(46, FIELD_LIMITS.door),
  postcode: f(50, 4),
  city: f(54, FIELD_LIMITS.city),
} as const;
export const ADDRESS_WIDTH = 74;

export const START_LAYOUT = {
  source: f(3, FIELD_LIMITS.source),
  // I = initial extract (every party's full state), C = change stream.
  kind: f(13, 1),
  firstSequenceNo: f(14, 12),
  lastSequenceNo: f(26, 12),
  // YYYYMMDDHHMMSS, Copenhagen time.
  createdAt: f(38, 14),
} as const;
export const START_WIDTH = 52;

export const END_LAYOUT = { recordCount: f(3, 12) } as const;
export const END_WIDTH = 15;

export const LAYOUTS = {
  '001': {
    firstNames: f(33, FIELD_LIMITS.firstNames),
    lastName: f(83, FIELD_LIMITS.lastName),
    address: f(123, ADDRESS_WIDTH),
    protected: f(197, 1),
    status: f(198, 1),
    statusDate: f(199, 8),
  },
  '002': { address: f(33, ADDRESS_WIDTH) },
  '003': { protected: f(33, 1) },
  '004': { status: f(33, 1), statusDate: f(34, 8) },
  '005': { previousCpr: f(33, 10) },
  '006': { firstNames: f(33, FIELD_LIMITS.firstNames), lastName: f(83, FIELD_LIMITS.lastName) },
  '101': {
    name: f(33, FIELD_LIMITS.companyName),
    address: f(133, ADDRESS_WIDTH),
    status: f(207, 1),
    statusDate: f(208, 8),
  },
  '102': { seNumber: f(33, 8), address: f(41, ADDRESS_WIDTH) },
  '103': { pNumber: f(33, 10), address: f(43, ADDRESS_WIDTH) },
  '104': { status: f(33, 1), statusDate: f(34, 8) },
  '105': { name: f(33, FIELD_LIMITS.companyName) },
  '106': { address: f(33, ADDRESS_WIDTH) },
} as const satisfies Record<DataRecordCode, Record<string, Field>>;

// The width of each record: a line may be shorter (trailing blanks trimmed), never longer.
export const RECORD_WIDTHS: Readonly<Record<DataRecordCode, number>> = {
  '001': 207,
  '002': 107,
  '003': 34,
  '004': 42,
  '005': 43,
  '006': 123,
  '101': 216,
  '102': 115,
  '103': 117,
  '104': 42,
  '105': 133,
  '106': 107,
};

export const PERSON_STATUS_CODES = { A: 'ACTIVE', D: 'DEAD', E: 'EMIGRATED', U: 'INCAPACITATED' } as const;
export const COMPANY_STATUS_CODES = { A: 'ACTIVE', B: 'BANKRUPT', C: 'CEASED' } as const;
