import {
  CompanyCreated,
  CompanyPNumberAdded,
  CompanySeNumberAdded,
  FeedAddress,
  PersonCreated,
} from '@nemkonto/cpr-cvr-sync-feed-format';
import { CopyRowBuffer } from './copy-row-buffer';
import { PERSON_STATUS_CODE } from '../apply-feed-events/person-aspects';

// Column lists of the initial load's COPY statements, in the order the encoders below write.
export const PERSON_COPY_COLUMNS =
  'name_seq, address_seq, protection_seq, status_seq, status_date, protected, status, cpr, first_names, last_name, street, house_no, floor, door, postcode, city';
export const COMPANY_COPY_COLUMNS =
  'name_seq, address_seq, status_seq, status_date, status, cvr, name, street, house_no, floor, door, postcode, city';
export const UNIT_COPY_COLUMNS = (column: string): string =>
  `sequence_no, ${column}, cvr, street, house_no, floor, door, postcode, city`;

const COMPANY_STATUS_CODE = { ACTIVE: 'A', BANKRUPT: 'B', CEASED: 'C' } as const;

function address(b: CopyRowBuffer, a: FeedAddress | null): void {
  if (a === null) {
    b.null().null().null().null().null().null();
    return;
  }
  b.text(a.street).text(a.houseNo).text(a.floor).text(a.door).text(a.postcode).text(a.city);
}

// A full person record sets every aspect with its own sequence number.
export function encodePerson(b: CopyRowBuffer, p: PersonCreated): void {
  const s = p.sequenceNo;
  b.row(16)
    .int8(s)
    .int8(s)
    .int8(s)
    .int8(s)
    .date(p.status === 'ACTIVE' ? null : p.statusDate)
    .bool(p.protected)
    .char(PERSON_STATUS_CODE[p.status])
    .text(p.cpr)
    .text(p.firstNames)
    .text(p.lastName);
  address(b, p.address);
}

export function encodeCompany(b: CopyRowBuffer, c: CompanyCreated): void {
  const s = c.sequenceNo;
  b.row(13)
    .int8(s)
    .int8(s)
    .int8(s)
    .date(c.status === 'ACTIVE' ? null : c.statusDate)
    .char(COMPANY_STATUS_CODE[c.status])
    .text(c.cvr)
    .text(c.name);
  address(b, c.address);
}

export function encodeUnit(b: CopyRowBuffer, u: CompanySeNumberAdded | CompanyPNumberAdded): void {
  b.row(9)
    .int8(u.sequenceNo)
    .text(u.type === 'company.se-number-added' ? u.seNumber : u.pNumber)
    .text(u.cvr);
  address(b, u.address);
}

// Which numbers an extract has held already: one bit per possible CPR number (DDMMYY and the
// serial: 372 million bits, 46 MB) or per 8-digit number, so a duplicate is found in O(1)
// without millions of strings in a Set.
export class NumberBitmap {
  private readonly bits: Uint8Array;

  constructor(
    private readonly indexOf: (n: string) => number,
    size: number,
  ) {
    this.bits = new Uint8Array(Math.ceil(size / 8));
  }

  static forCpr(): NumberBitmap {
    return new NumberBitmap((cpr) => {
      const dd = (cpr.charCodeAt(0) - 48) * 10 + cpr.charCodeAt(1) - 48;
      const mm = (cpr.charCodeAt(2) - 48) * 10 + cpr.charCodeAt(3) - 48;
      const yy = (cpr.charCodeAt(4) - 48) * 10 + cpr.charCodeAt(5) - 48;
      return (((dd - 1) * 12 + (mm - 1)) * 100 + yy) * 10_000 + Number(cpr.slice(6));
    }, 372_000_000);
  }

  static forEightDigits(): NumberBitmap {
    return new NumberBitmap((n) => Number(n), 100_000_000);
  }

  // True when the number was there already; marks it otherwise.
  seen(n: string): boolean {
    return this.seenIndex(this.indexOf(n));
  }

  seenIndex(i: number): boolean {
    const mask = 1 << (i & 7);
    const byte = i >>> 3;
    if (((this.bits[byte] as number) & mask) !== 0) return true;
    this.bits[byte] = (this.bits[byte] as number) | mask;
    return false;
  }
}
