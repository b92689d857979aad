import {
  FeedFileHeader,
  parseEndRecord,
  parseStartRecord,
  readFeedLines,
} from '@nemkonto/cpr-cvr-sync-feed-format';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface FeedFileScan {
  readonly sha256: string;
  readonly header: FeedFileHeader | null;
  // Lines between the start and the end record (the data records).
  readonly records: number;
  // Line number of the end record.
  readonly endLine: number;
  // Why the file as a whole cannot be applied (null = its frame is sound).
  readonly failure: string | null;
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

// First pass over a file: its hash and its frame (a 000 start record first, a 999 end record
// last whose count matches). A broken frame (a truncated or mixed-up file) fails the whole file
// before anything is applied; a malformed data record only fails that record.
export async function scanFeedFile(path: string): Promise<FeedFileScan> {
  const [sha256, frame] = await Promise.all([sha256OfFile(path), scanFrame(path)]);
  return { sha256, ...frame };
}

async function scanFrame(path: string): Promise<Omit<FeedFileScan, 'sha256'>> {
  let first: string | null = null;
  let last: string | null = null;
  let lastLine = 0;
  let lines = 0;
  for await (const batch of readFeedLines(path)) {
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i] as string;
      lines++;
      if (first === null) first = line;
      if (line.trim() === '') continue;
      last = line;
      lastLine = batch.firstLineNo + i;
    }
  }
  const fail = (failure: string, header: FeedFileHeader | null = null) => ({
    header,
    records: 0,
    endLine: lastLine,
    failure,
  });
  if (first === null || lines === 0) return fail('the file is empty');
  const start = parseStartRecord(first);
  if (!start.ok) return fail(`line 1: ${start.reason}`);
  if (last === null || lastLine < 2) return fail('the file has no 999 end record', start.value);
  const end = parseEndRecord(last);
  if (!end.ok) return fail(`line ${lastLine}: ${end.reason} (the file may be truncated)`, start.value);
  const records = lastLine - 2;
  if (end.value.recordCount !== records) {
    return fail(
      `line ${lastLine}: the end record counts ${end.value.recordCount} records, the file has ${records}`,
      start.value,
    );
  }
  return { header: start.value, records, endLine: lastLine, failure: null };
}
