import { FeedAddress, FeedEvent } from './feed-event';
import { FeedFileHeader } from './feed-record-reader';
import {
  ADDRESS_WIDTH,
  COMPANY_STATUS_CODES,
  END_RECORD,
  PERSON_STATUS_CODES,
  RECORD_CODES,
  START_RECORD,
} from './record-layout';

// Writes records in the layout of record-layout.ts (full width, blank-padded). The text is
// ISO 8859-1: encode it with Buffer.from(line, 'latin1'). A value the layout cannot hold is an
// error, never silently cut.

// eslint-disable-next-line no-control-regex
const NOT_LATIN1_TEXT = /[\u0000-\u001f\u007f-\u009f\u0100-\uffff]/;

// Lengths are checked per field; the characters once per record (see writeDataRecord).
function put(value: string | null, width: number, what: string): string {
  const v = value ?? '';
  if (v.length > width) throw new Error(`${what} is longer than ${width} characters`);
  return v.padEnd(width, ' ');
}

function num(value: number, width: number, what: string): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${what} must be a whole number >= 0`);
  const v = String(value);
  if (v.length > width) throw new Error(`${what} has more than ${width} digits`);
  return v.padStart(width, '0');
}

const ymd = (iso: string | null): string => (iso === null ? '        ' : iso.replace(/-/g, ''));

const PERSON_CODE = Object.fromEntries(Object.entries(PERSON_STATUS_CODES).map(([c, v]) => [v, c])) as Record<
  (typeof PERSON_STATUS_CODES)[keyof typeof PERSON_STATUS_CODES],
  string
>;
const COMPANY_CODE = Object.fromEntries(
  Object.entries(COMPANY_STATUS_CODES).map(([c, v]) => [v, c]),
) as Record<(typeof COMPANY_STATUS_CODES)[keyof typeof COMPANY_STATUS_CODES], string>;

function address(a: FeedAddress | null): string {
  if (a === null) return ' '.repeat(ADDRESS_WIDTH);
  return (
    put(a.street, 40, 'street') +
    put(a.houseNo, 4, 'house number') +
    put(a.floor, 2, 'floor') +
    put(a.door, 4, 'door') +
    put(a.postcode, 4, 'postcode') +
    put(a.city, 20, 'city')
  );
}

export function writeDataRecord(e: FeedEvent): string {
  const line = record(e);
  if (NOT_LATIN1_TEXT.test(line))
    throw new Error(`a ${e.type} record has characters outside ISO 8859-1 text`);
  return line;
}

function record(e: FeedEvent): string {
  const id = 'cpr' in e ? put(e.cpr, 10, 'CPR number') : put(e.cvr, 10, 'CVR number');
  const head = RECORD_CODES[e.type] + num(e.sequenceNo, 12, 'sequence number') + id + ymd(e.effectiveDate);
  switch (e.type) {
    case 'person.created':
      return (
        head +
        put(e.firstNames, 50, 'first names') +
        put(e.lastName, 40, 'last name') +
        address(e.address) +
        (e.protected ? '1' : '0') +
        PERSON_CODE[e.status] +
        ymd(e.statusDate)
      );
    case 'person.address-changed':
      return head + address(e.address);
    case 'person.protection-changed':
      return head + (e.protected ? '1' : '0');
    case 'person.status-changed':
      return head + PERSON_CODE[e.status] + ymd(e.statusDate);
    case 'person.number-changed':
      return head + put(e.previousCpr, 10, 'previous CPR number');
    case 'person.name-changed':
      return head + put(e.firstNames, 50, 'first names') + put(e.lastName, 40, 'last name');
    case 'company.created':
      return (
        head +
        put(e.name, 100, 'company name') +
        address(e.address) +
        COMPANY_CODE[e.status] +
        ymd(e.statusDate)
      );
    case 'company.se-number-added':
      return head + put(e.seNumber, 8, 'SE number') + address(e.address);
    case 'company.p-number-added':
      return head + put(e.pNumber, 10, 'P number') + address(e.address);
    case 'company.status-changed':
      return head + COMPANY_CODE[e.status] + ymd(e.statusDate);
    case 'company.name-changed':
      return head + put(e.name, 100, 'company name');
    case 'company.address-changed':
      return head + address(e.address);
    default: {
      const unknown: never = e;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

export function writeStartRecord(h: FeedFileHeader): string {
  const created = h.createdAt.replace(/[-T:]/g, '').slice(0, 14);
  if (!/^\d{14}$/.test(created)) throw new Error('createdAt must be YYYY-MM-DDTHH:MM:SS');
  return (
    START_RECORD +
    put(h.source, 10, 'source') +
    (h.kind === 'INITIAL' ? 'I' : 'C') +
    num(h.firstSequenceNo, 12, 'first sequence number') +
    num(h.lastSequenceNo, 12, 'last sequence number') +
    created
  );
}

export function writeEndRecord(recordCount: number): string {
  return END_RECORD + num(recordCount, 12, 'record count');
}
