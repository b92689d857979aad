// Rows in PostgreSQL's binary COPY format, written straight into one growing buffer (millions of
// rows: a Buffer per field would cost more than the database's own work). Text fields are
// written as ISO 8859-1 bytes; the COPY connection's client_encoding is LATIN1, so the server
// converts them (feed files are ISO 8859-1 and JavaScript strings read from them hold only
// characters up to U+00FF).

const SIGNATURE = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]);
const EPOCH_2000 = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const TWO_32 = 4_294_967_296;

export class CopyRowBuffer {
  private buf: Buffer;
  private at = 0;
  rows = 0;

  constructor(initial = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  static header(): Buffer {
    return Buffer.concat([SIGNATURE, Buffer.alloc(8)]);
  }

  static trailer(): Buffer {
    return Buffer.from([0xff, 0xff]);
  }

  get size(): number {
    return this.at;
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  row(fields: number): this {
    this.room(2);
    this.buf.writeInt16BE(fields, this.at);
    this.at += 2;
    this.rows++;
    return this;
  }

  null(): this {
    this.room(4);
    this.buf.writeInt32BE(-1, this.at);
    this.at += 4;
    return this;
  }

  text(value: string | null): this {
    if (value === null) return this.null();
    const n = value.length;
    this.room(4 + n);
    const b = this.buf;
    b.writeInt32BE(n, this.at);
    // Short fields byte by byte: cheaper than a call into the native encoder for each.
    if (n < 48) {
      const at = this.at + 4;
      for (let i = 0; i < n; i++) b[at + i] = value.charCodeAt(i);
    } else {
      b.write(value, this.at + 4, n, 'latin1');
    }
    this.at += 4 + n;
    return this;
  }

  // Characters [from, to) of a string (ISO 8859-1 text), without taking a substring.
  chars(source: string, from: number, to: number): this {
    const n = to - from;
    this.room(4 + n);
    const b = this.buf;
    b.writeInt32BE(n, this.at);
    const at = this.at + 4 - from;
    for (let i = from; i < to; i++) b[at + i] = source.charCodeAt(i);
    this.at += 4 + n;
    return this;
  }

  int8(value: number): this {
    this.room(12);
    this.buf.writeInt32BE(8, this.at);
    this.buf.writeInt32BE(Math.floor(value / TWO_32), this.at + 4);
    this.buf.writeUInt32BE(value >>> 0, this.at + 8);
    this.at += 12;
    return this;
  }

  bool(value: boolean): this {
    this.room(5);
    this.buf.writeInt32BE(1, this.at);
    this.buf[this.at + 4] = value ? 1 : 0;
    this.at += 5;
    return this;
  }

  // A one-byte "char" column.
  char(code: string): this {
    return this.byteChar(code.charCodeAt(0));
  }

  byteChar(code: number): this {
    this.room(5);
    this.buf.writeInt32BE(1, this.at);
    this.buf[this.at + 4] = code;
    this.at += 5;
    return this;
  }

  // An ISO date (YYYY-MM-DD) as days since 2000-01-01.
  date(iso: string | null): this {
    if (iso === null) return this.null();
    const y = Number(iso.slice(0, 4));
    return this.days(
      (Date.UTC(y, Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) - EPOCH_2000) / DAY_MS,
    );
  }

  // A date as days since 2000-01-01 (PostgreSQL's binary date).
  days(n: number): this {
    this.room(8);
    this.buf.writeInt32BE(4, this.at);
    this.buf.writeInt32BE(n, this.at + 4);
    this.at += 8;
    return this;
  }

  // The rows written so far (a copy), and an empty buffer for the next ones.
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.at));
    this.at = 0;
    this.rows = 0;
    return out;
  }
}
