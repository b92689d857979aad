import { LAYOUTS, RECORD_WIDTHS } from '@nemkonto/cpr-cvr-sync-feed-format';
import { isValidDate } from '@nemkonto/domain';
import { CopyRowBuffer } from './copy-row-buffer';

// The initial load's fast path for person records (6 million lines): the record is checked and
// encoded straight from the line's characters, with no field strings and no event object. It
// accepts only records the general reader (parseDataRecord) accepts as the same values; any line
// it is not sure of (a control character, a no-break space, a field not in the usual form) goes
// to the general reader instead, which says exactly what is wrong.

const L = LAYOUTS['001'];
const WIDTH = RECORD_WIDTHS['001'];
const SPACE = 32;
const ADDRESS = 123;
const PERSON_STATUS = new Set([65, 68, 69, 85]); // A D E U
const EPOCH_2000 = Date.UTC(2000, 0, 1);
// Control characters and the no-break space (which trim() removes): left to the general reader.
// eslint-disable-next-line no-control-regex
const UNSURE = /[\u0000-\u001f\u007f-\u00a0]/;
const DAY_MS = 86_400_000;

const code = (line: string, i: number): number => (i < line.length ? line.charCodeAt(i) : SPACE);

function allDigits(line: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = code(line, i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function blank(line: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (code(line, i) !== SPACE) return false;
  return true;
}

const num = (line: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (line.charCodeAt(i) - 48);
  return n;
};

// YYYYMMDD at `at` as days since 2000-01-01, or NaN if it is not a real date.
function days(line: string, at: number): number {
  if (!allDigits(line, at, at + 8)) return NaN;
  const y = num(line, at, at + 4);
  const m = num(line, at + 4, at + 6);
  const d = num(line, at + 6, at + 8);
  return isValidDate(y, m, d) ? (Date.UTC(y, m - 1, d) - EPOCH_2000) / DAY_MS : NaN;
}

// Century from the 7th digit and the year, as the CPR rules (and Cpr.parse) have it.
function cprIsValid(line: string, at: number): boolean {
  if (!allDigits(line, at, at + 10)) return false;
  const yy = num(line, at + 4, at + 6);
  const d7 = line.charCodeAt(at + 6) - 48;
  const century = d7 <= 3 ? 1900 : d7 === 4 || d7 === 9 ? (yy <= 36 ? 2000 : 1900) : yy <= 57 ? 2000 : 1800;
  return isValidDate(century + yy, num(line, at + 2, at + 4), num(line, at, at + 2));
}

// Writes [from, to) trimmed of spaces, or null when blank.
function text(b: CopyRowBuffer, line: string, from: number, to: number): void {
  let s = from;
  let e = Math.min(to, line.length);
  while (s < e && line.charCodeAt(s) === SPACE) s++;
  while (e > s && line.charCodeAt(e - 1) === SPACE) e--;
  if (s === e) b.null();
  else b.chars(line, s, e);
}

export interface FastPerson {
  readonly sequenceNo: number;
}

// The sequence number of a record the fast path can take, or -1 (use the general reader).
export function checkPersonLine(line: string): number {
  const n = line.length;
  if (
    n > WIDTH ||
    n <= L.status.at ||
    line.charCodeAt(0) !== 48 ||
    line.charCodeAt(1) !== 48 ||
    line.charCodeAt(2) !== 49
  ) {
    return -1;
  }
  if (UNSURE.test(line)) return -1;
  if (!allDigits(line, 3, 15) || !cprIsValid(line, 15) || Number.isNaN(days(line, 25))) return -1;
  if (blank(line, L.firstNames.at, L.firstNames.at + L.firstNames.width)) return -1;
  if (blank(line, L.lastName.at, L.lastName.at + L.lastName.width)) return -1;
  if (!blank(line, ADDRESS, ADDRESS + 74)) {
    if (!allDigits(line, ADDRESS + 50, ADDRESS + 54)) return -1;
    if (blank(line, ADDRESS, ADDRESS + 40) || blank(line, ADDRESS + 54, ADDRESS + 74)) return -1;
  }
  const prot = line.charCodeAt(L.protected.at);
  if (prot !== 48 && prot !== 49) return -1;
  const status = line.charCodeAt(L.status.at);
  if (!PERSON_STATUS.has(status)) return -1;
  const dateBlank = blank(line, L.statusDate.at, L.statusDate.at + 8);
  if (dateBlank ? status !== 65 : Number.isNaN(days(line, L.statusDate.at))) return -1;
  return num(line, 3, 15);
}

// The row for a line checkPersonLine accepted, in PERSON_COPY_COLUMNS order.
export function encodePersonLine(b: CopyRowBuffer, line: string, seq: number): void {
  const status = line.charCodeAt(L.status.at);
  b.row(16).int8(seq).int8(seq).int8(seq).int8(seq);
  if (status === 65 || blank(line, L.statusDate.at, L.statusDate.at + 8)) b.null();
  else b.days(days(line, L.statusDate.at));
  b.bool(line.charCodeAt(L.protected.at) === 49).byteChar(status);
  b.chars(line, 15, 25);
  text(b, line, L.firstNames.at, L.firstNames.at + L.firstNames.width);
  text(b, line, L.lastName.at, L.lastName.at + L.lastName.width);
  if (blank(line, ADDRESS, ADDRESS + 74)) {
    b.null().null().null().null().null().null();
    return;
  }
  text(b, line, ADDRESS, ADDRESS + 40);
  text(b, line, ADDRESS + 40, ADDRESS + 44);
  text(b, line, ADDRESS + 44, ADDRESS + 46);
  text(b, line, ADDRESS + 46, ADDRESS + 50);
  b.chars(line, ADDRESS + 50, ADDRESS + 54);
  text(b, line, ADDRESS + 54, ADDRESS + 74);
}

// The CPR number's index in NumberBitmap.forCpr(), from the line's characters.
export function cprIndexOfLine(line: string): number {
  const dd = num(line, 15, 17);
  const mm = num(line, 17, 19);
  const yy = num(line, 19, 21);
  return (((dd - 1) * 12 + (mm - 1)) * 100 + yy) * 10_000 + num(line, 21, 25);
}
