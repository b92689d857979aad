import type { ClientBase, Pool } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { finished } from 'node:stream/promises';

// Binary COPY moves large text values (outbox bodies of up to ~1,000 payments) as the bytes they
// are. Through a normal query each one is decoded into a JS string on the way out, and on the way
// in the server copies it several times (the bind message, the parameter, the planner's constant
// folding, the plan cache). COPY takes no parameters, so its statement must be complete.

// "PGCOPY\n\377\r\n\0", flags, header extension length (format of COPY ... (FORMAT binary)).
const SIGNATURE = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]);
const HEADER = Buffer.concat([SIGNATURE, Buffer.alloc(8)]);
const TRAILER = Buffer.from([0xff, 0xff]);
// Fields at least this large are written as they are; smaller ones are gathered into one chunk.
const LARGE_FIELD = 16 * 1024;

export type CopyField = Buffer | null;

// `COPY (query) TO STDOUT (FORMAT binary)`: every field as the bytes the server sent (for a text
// column, its UTF-8 bytes).
export async function copyRowsOut(pool: Pool, query: string): Promise<CopyField[][]> {
  const client = await pool.connect();
  let failure: Error | undefined;
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`))) {
      chunks.push(chunk as Buffer);
    }
    return parseBinaryCopy(Buffer.concat(chunks));
  } catch (err) {
    failure = err as Error;
    throw err;
  } finally {
    // A connection whose COPY failed half-way is closed, not given back to the pool.
    client.release(failure);
  }
}

// `COPY target FROM STDIN (FORMAT binary)` on the caller's connection (so inside its
// transaction). Each field must already be in its column type's binary form.
export async function copyRowsIn(
  client: ClientBase,
  target: string,
  rows: readonly (readonly CopyField[])[],
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${target} FROM STDIN (FORMAT binary)`));
  const done = finished(stream);
  const chunks = binaryCopyChunks(rows);
  chunks.forEach((chunk, i) => (i === chunks.length - 1 ? stream.end(chunk) : stream.write(chunk)));
  await done;
}

// A binary COPY stream of `rows`, in chunks: small fields are gathered into one chunk, large
// ones are passed on as they are, without a copy.
export function binaryCopyChunks(rows: readonly (readonly CopyField[])[]): Buffer[] {
  const chunks: Buffer[] = [];
  let small: Buffer[] = [HEADER];
  for (const row of rows) {
    small.push(int16(row.length));
    for (const field of row) {
      small.push(int32(field?.length ?? -1));
      if (field === null) continue;
      if (field.length < LARGE_FIELD) {
        small.push(field);
      } else {
        chunks.push(Buffer.concat(small), field);
        small = [];
      }
    }
  }
  small.push(TRAILER);
  chunks.push(Buffer.concat(small));
  return chunks;
}

export function parseBinaryCopy(data: Buffer): CopyField[][] {
  if (data.length < HEADER.length + 2 || !data.subarray(0, SIGNATURE.length).equals(SIGNATURE)) {
    throw new Error('not a binary COPY stream');
  }
  let at = SIGNATURE.length + 4;
  at += 4 + data.readInt32BE(at);
  const rows: CopyField[][] = [];
  for (;;) {
    const fields = data.readInt16BE(at);
    at += 2;
    if (fields === -1) return rows;
    const row: CopyField[] = [];
    for (let i = 0; i < fields; i++) {
      const length = data.readInt32BE(at);
      at += 4;
      if (length < 0) {
        row.push(null);
        continue;
      }
      if (at + length > data.length) throw new Error('truncated binary COPY stream');
      row.push(data.subarray(at, at + length));
      at += length;
    }
    rows.push(row);
  }
}

function int16(n: number): Buffer {
  const b = Buffer.allocUnsafe(2);
  b.writeInt16BE(n);
  return b;
}

function int32(n: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32BE(n);
  return b;
}
