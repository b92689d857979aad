import { Cpr, Cvr, PNumber, SeNumber, isValidDate } from '@nemkonto/domain';
import { CompanyStatus, FeedAddress, FeedEvent, PersonStatus } from './feed-event';
import {
  ADDRESS_BLOCK,
  COMMON,
  COMPANY_STATUS_CODES,
  DataRecordCode,
  END_LAYOUT,
  END_RECORD,
  END_WIDTH,
  Field,
  LAYOUTS,
  PERSON_STATUS_CODES,
  RECORD_TYPES,
  RECORD_WIDTHS,
  START_LAYOUT,
  START_RECORD,
  START_WIDTH,
} from './record-layout';

export type FeedFileKind = 'INITIAL' | 'CHANGE';

export interface FeedFileHeader {
  readonly source: string;
  readonly kind: FeedFileKind;
  readonly firstSequenceNo: number;
  readonly lastSequenceNo: number;
  readonly createdAt: string;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

// A malformed field: the reason names the columns and the rule, never the value (it may be a
// CPR number or a protected name).
class RecordError extends Error {}

const cols = (fld: Field, base = 0): string => {
  const from = base + fld.at + 1;
  return fld.width === 1 ? `column ${from}` : `columns ${from}-${from + fld.width - 1}`;
};

const raw = (line: string, fld: Field, base = 0): string =>
  line.substring(base + fld.at, base + fld.at + fld.width).trim();

// Control characters never belong in a field; anything else in ISO 8859-1 may (æ, ø, å, é, ü, …).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function text(line: string, fld: Field, what: string, required: boolean, base = 0): string | null {
  const value = raw(line, fld, base);
  if (value.length === 0) {
    if (required) throw new RecordError(`${cols(fld, base)}: ${what} is missing`);
    return null;
  }
  if (CONTROL.test(value)) throw new RecordError(`${cols(fld, base)}: ${what} has control characters`);
  return value;
}

function digits(line: string, fld: Field, what: string): number {
  const value = raw(line, fld);
  if (!/^\d+$/.test(value)) throw new RecordError(`${cols(fld)}: ${what} must be digits`);
  return Number(value);
}

function date(line: string, fld: Field, what: string, required: boolean): string | null {
  const value = raw(line, fld);
  if (value.length === 0) {
    if (required) throw new RecordError(`${cols(fld)}: ${what} is missing`);
    return null;
  }
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw new RecordError(`${cols(fld)}: ${what} must be a real date written YYYYMMDD`);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function flag(line: string, fld: Field, what: string): boolean {
  const value = raw(line, fld);
  if (value === '1') return true;
  if (value === '0') return false;
  throw new RecordError(`${cols(fld)}: ${what} must be 0 or 1`);
}

function code<T extends string>(line: string, fld: Field, codes: Record<string, T>, what: string): T {
  const value = raw(line, fld);
  const mapped = Object.prototype.hasOwnProperty.call(codes, value) ? codes[value] : undefined;
  if (mapped === undefined) {
    throw new RecordError(`${cols(fld)}: ${what} must be one of ${Object.keys(codes).join(', ')}`);
  }
  return mapped;
}

function cpr(line: string, fld: Field, what = 'CPR number'): string {
  const value = raw(line, fld);
  if (!/^\d{10}$/.test(value) || !Cpr.isValid(value)) {
    throw new RecordError(`${cols(fld)}: ${what} is not valid (10 digits, a real birth date)`);
  }
  return value;
}

function cvr(line: string): string {
  const value = raw(line, COMMON.id);
  if (!Cvr.isValid(value))
    throw new RecordError(`${cols(COMMON.id)}: CVR number is not valid (8 digits, modulus 11)`);
  return value;
}

function address(line: string, block: Field): FeedAddress | null {
  if (raw(line, block).length === 0) return null;
  const base = block.at;
  const postcode = raw(line, ADDRESS_BLOCK.postcode, base);
  if (!/^\d{4}$/.test(postcode)) {
    throw new RecordError(`${cols(ADDRESS_BLOCK.postcode, base)}: postcode must be 4 digits`);
  }
  return {
    street: text(line, ADDRESS_BLOCK.street, 'street', true, base) as string,
    houseNo: text(line, ADDRESS_BLOCK.houseNo, 'house number', false, base),
    floor: text(line, ADDRESS_BLOCK.floor, 'floor', false, base),
    door: text(line, ADDRESS_BLOCK.door, 'door', false, base),
    postcode,
    city: text(line, ADDRESS_BLOCK.city, 'city', true, base) as string,
  };
}

const personStatus = (line: string, fld: Field): PersonStatus =>
  code(line, fld, PERSON_STATUS_CODES, 'person status');
const companyStatus = (line: string, fld: Field): CompanyStatus =>
  code(line, fld, COMPANY_STATUS_CODES, 'company status');

function event(line: string, recordCode: DataRecordCode): FeedEvent {
  const common = {
    sequenceNo: digits(line, COMMON.sequenceNo, 'sequence number'),
    effectiveDate: date(line, COMMON.effectiveDate, 'effective date', true) as string,
  };
  switch (recordCode) {
    case '001': {
      const l = LAYOUTS['001'];
      const status = personStatus(line, l.status);
      return {
        type: RECORD_TYPES['001'],
        ...common,
        cpr: cpr(line, COMMON.id),
        firstNames: text(line, l.firstNames, 'first names', true) as string,
        lastName: text(line, l.lastName, 'last name', true) as string,
        address: address(line, l.address),
        protected: flag(line, l.protected, 'protection'),
        status,
        statusDate: date(line, l.statusDate, 'status date', status !== 'ACTIVE'),
      } as FeedEvent;
    }
    case '002':
      return {
        type: RECORD_TYPES['002'],
        ...common,
        cpr: cpr(line, COMMON.id),
        address: address(line, LAYOUTS['002'].address),
      } as FeedEvent;
    case '003':
      return {
        type: RECORD_TYPES['003'],
        ...common,
        cpr: cpr(line, COMMON.id),
        protected: flag(line, LAYOUTS['003'].protected, 'protection'),
      } as FeedEvent;
    case '004':
      return {
        type: RECORD_TYPES['004'],
        ...common,
        cpr: cpr(line, COMMON.id),
        status: personStatus(line, LAYOUTS['004'].status),
        statusDate: date(line, LAYOUTS['004'].statusDate, 'status date', true) as string,
      } as FeedEvent;
    case '005': {
      const previousCpr = cpr(line, LAYOUTS['005'].previousCpr, 'previous CPR number');
      const current = cpr(line, COMMON.id);
      if (previousCpr === current) throw new RecordError('the new and the previous CPR number are the same');
      return { type: RECORD_TYPES['005'], ...common, cpr: current, previousCpr } as FeedEvent;
    }
    case '006':
      return {
        type: RECORD_TYPES['006'],
        ...common,
        cpr: cpr(line, COMMON.id),
        firstNames: text(line, LAYOUTS['006'].firstNames, 'first names', true) as string,
        lastName: text(line, LAYOUTS['006'].lastName, 'last name', true) as string,
      } as FeedEvent;
    case '101': {
      const l = LAYOUTS['101'];
      const status = companyStatus(line, l.status);
      return {
        type: RECORD_TYPES['101'],
        ...common,
        cvr: cvr(line),
        name: text(line, l.name, 'company name', true) as string,
        address: address(line, l.address),
        status,
        statusDate: date(line, l.statusDate, 'status date', status !== 'ACTIVE'),
      } as FeedEvent;
    }
    case '102': {
      const se = raw(line, LAYOUTS['102'].seNumber);
      if (!SeNumber.isValid(se))
        throw new RecordError(`${cols(LAYOUTS['102'].seNumber)}: SE number must be 8 digits`);
      return {
        type: RECORD_TYPES['102'],
        ...common,
        cvr: cvr(line),
        seNumber: se,
        address: address(line, LAYOUTS['102'].address),
      } as FeedEvent;
    }
    case '103': {
      const p = raw(line, LAYOUTS['103'].pNumber);
      if (!PNumber.isValid(p))
        throw new RecordError(`${cols(LAYOUTS['103'].pNumber)}: P number must be 10 digits`);
      return {
        type: RECORD_TYPES['103'],
        ...common,
        cvr: cvr(line),
        pNumber: p,
        address: address(line, LAYOUTS['103'].address),
      } as FeedEvent;
    }
    case '104':
      return {
        type: RECORD_TYPES['104'],
        ...common,
        cvr: cvr(line),
        status: companyStatus(line, LAYOUTS['104'].status),
        statusDate: date(line, LAYOUTS['104'].statusDate, 'status date', true) as string,
      } as FeedEvent;
    case '105':
      return {
        type: RECORD_TYPES['105'],
        ...common,
        cvr: cvr(line),
        name: text(line, LAYOUTS['105'].name, 'company name', true) as string,
      } as FeedEvent;
    case '106':
      return {
        type: RECORD_TYPES['106'],
        ...common,
        cvr: cvr(line),
        address: address(line, LAYOUTS['106'].address),
      } as FeedEvent;
    default: {
      const unknown: never = recordCode;
      throw new RecordError(`unknown record type ${String(unknown)}`);
    }
  }
}

function guarded<T>(fn: () => T): Parsed<T> {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (err instanceof RecordError) return { ok: false, reason: err.message };
    throw err;
  }
}

export const recordCodeOf = (line: string): string => line.substring(0, 3);

export function isDataRecordCode(value: string): value is DataRecordCode {
  return Object.prototype.hasOwnProperty.call(RECORD_TYPES, value);
}

// One data record (a line without its line ending, decoded as ISO 8859-1).
export function parseDataRecord(line: string): Parsed<FeedEvent> {
  const recordCode = recordCodeOf(line);
  if (!isDataRecordCode(recordCode)) {
    return { ok: false, reason: `columns 1-3: unknown record type (not 001-006 or 101-106)` };
  }
  if (line.length > RECORD_WIDTHS[recordCode]) {
    return {
      ok: false,
      reason: `record ${recordCode} is ${line.length} columns long; at most ${RECORD_WIDTHS[recordCode]}`,
    };
  }
  return guarded(() => event(line, recordCode));
}

export function parseStartRecord(line: string): Parsed<FeedFileHeader> {
  if (recordCodeOf(line) !== START_RECORD)
    return { ok: false, reason: 'the first record must be a 000 start record' };
  if (line.length > START_WIDTH)
    return { ok: false, reason: `the start record is longer than ${START_WIDTH} columns` };
  return guarded(() => {
    const source = raw(line, START_LAYOUT.source);
    if (!/^[A-Z0-9_-]{1,10}$/.test(source)) {
      throw new RecordError(`${cols(START_LAYOUT.source)}: source must be 1-10 of A-Z, 0-9, _ and -`);
    }
    const kind = code(line, START_LAYOUT.kind, { I: 'INITIAL', C: 'CHANGE' } as const, 'file kind');
    const firstSequenceNo = digits(line, START_LAYOUT.firstSequenceNo, 'first sequence number');
    const lastSequenceNo = digits(line, START_LAYOUT.lastSequenceNo, 'last sequence number');
    if (lastSequenceNo < firstSequenceNo)
      throw new RecordError('the last sequence number is below the first');
    const created = raw(line, START_LAYOUT.createdAt);
    const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(created);
    if (
      !m ||
      !isValidDate(Number(m[1]), Number(m[2]), Number(m[3])) ||
      Number(m[4]) > 23 ||
      Number(m[5]) > 59
    ) {
      throw new RecordError(`${cols(START_LAYOUT.createdAt)}: creation time must be YYYYMMDDHHMMSS`);
    }
    return {
      source,
      kind,
      firstSequenceNo,
      lastSequenceNo,
      createdAt: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`,
    };
  });
}

export function parseEndRecord(line: string): Parsed<{ readonly recordCount: number }> {
  if (recordCodeOf(line) !== END_RECORD)
    return { ok: false, reason: 'the last record must be a 999 end record' };
  if (line.length > END_WIDTH)
    return { ok: false, reason: `the end record is longer than ${END_WIDTH} columns` };
  return guarded(() => ({ recordCount: digits(line, END_LAYOUT.recordCount, 'record count') }));
}
