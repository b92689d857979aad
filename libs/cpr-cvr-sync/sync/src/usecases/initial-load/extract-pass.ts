import {
  FeedEvent,
  FeedFileHeader,
  parseDataRecord,
  parseEndRecord,
} from '@nemkonto/cpr-cvr-sync-feed-format';
import { createReadStream } from 'node:fs';
import { SeqRange } from '../../sequencing/sequence-window';
import { SyncError, SyncErrorCode } from '../../sync.errors';
import { RecordError } from '../ingest-feed-file/feed-file-report';

export type LoadProgress = (bytesRead: number, records: number) => void;

// Errors kept per file (the count is always exact).
const STORED_ERRORS = 100_000;

interface Batch {
  readonly lines: readonly string[];
  readonly firstLineNo: number;
  readonly bytesRead: number;
}

// Lines in batches of one read chunk each, with the bytes read so far (for the progress bar). The
// chunks are small on purpose: a batch's strings then die young, before V8's old generation.
async function* readBatches(path: string): AsyncGenerator<Batch> {
  let carry = '';
  let lineNo = 1;
  let bytes = 0;
  const strip = (l: string): string => (l.endsWith('\r') ? l.slice(0, -1) : l);
  for await (const chunk of createReadStream(path, { highWaterMark: 256 << 10 })) {
    bytes += (chunk as Buffer).length;
    const lines = (carry + (chunk as Buffer).toString('latin1')).split('\n');
    carry = lines.pop() ?? '';
    for (let i = 0; i < lines.length; i++) lines[i] = strip(lines[i] as string);
    yield { lines, firstLineNo: lineNo, bytesRead: bytes };
    lineNo += lines.length;
  }
  if (carry !== '') yield { lines: [strip(carry)], firstLineNo: lineNo, bytesRead: bytes };
}

export interface OpenedExtract {
  readonly startRecord: string;
  readonly batches: AsyncIterator<Batch>;
  readonly rest: Batch;
}

// The start record, and the batches of everything after it.
export async function openExtract(path: string): Promise<OpenedExtract> {
  const batches = readBatches(path)[Symbol.asyncIterator]();
  const next = await batches.next();
  if (next.done || next.value.lines.length === 0) {
    return { startRecord: '', batches, rest: { lines: [], firstLineNo: 2, bytesRead: 0 } };
  }
  const { lines, bytesRead } = next.value;
  return {
    startRecord: lines[0] as string,
    batches,
    rest: { lines: lines.slice(1), firstLineNo: 2, bytesRead },
  };
}

// One pass over an extract: every record checked as in a file drop, counts, errors, and which
// sequence numbers of the extract's range were loaded (one bit each), so skipped ones become gaps.
export class ExtractPass {
  records = 0;
  loaded = 0;
  persons = 0;
  companies = 0;
  seNumbers = 0;
  pNumbers = 0;
  errorCount = 0;
  endLine = 0;
  readonly errors: RecordError[] = [];
  private readonly seqBits: Uint8Array;

  constructor(private readonly header: FeedFileHeader) {
    this.seqBits = new Uint8Array(Math.ceil((header.lastSequenceNo - header.firstSequenceNo + 1) / 8));
  }

  reject(lineNo: number, reason: string): void {
    this.errorCount++;
    if (this.errors.length < STORED_ERRORS) this.errors.push({ lineNo, reason });
  }

  // In the file's range and not in the file already (nothing is marked).
  acceptable(seq: number): boolean {
    const h = this.header;
    if (seq < h.firstSequenceNo || seq > h.lastSequenceNo) return false;
    const s = seq - h.firstSequenceNo;
    return ((this.seqBits[s >>> 3] as number) & (1 << (s & 7))) === 0;
  }

  accept(seq: number, what: 'persons' | 'companies' | 'seNumbers' | 'pNumbers'): void {
    this.loaded++;
    this[what]++;
    const i = seq - this.header.firstSequenceNo;
    this.seqBits[i >>> 3] = (this.seqBits[i >>> 3] as number) | (1 << (i & 7));
  }

  // Every line after the start record: data records, then the end record whose count must match.
  // `handle` is synchronous (millions of calls); `afterBatch` may wait (for the COPY stream).
  // `fast` may take a line whole (true) before the general reader sees it.
  async run(
    extract: OpenedExtract,
    onProgress: LoadProgress | undefined,
    handle: (e: FeedEvent, lineNo: number) => void,
    afterBatch: () => Promise<void>,
    fast?: (line: string, lineNo: number) => boolean,
  ): Promise<void> {
    let end: { lineNo: number; line: string } | null = null;
    let batch: Batch | null = extract.rest;
    while (batch !== null) {
      for (let i = 0; i < batch.lines.length; i++) {
        const line = batch.lines[i] as string;
        const lineNo = batch.firstLineNo + i;
        if (end !== null) {
          if (line.trim() === '') continue;
          throw new SyncError(SyncErrorCode.INVALID_FILE, `line ${lineNo}: records after the end record`);
        }
        if (line.startsWith('999')) end = { lineNo, line };
        else {
          this.records++;
          if (!fast?.(line, lineNo)) this.record(line, lineNo, handle);
        }
      }
      onProgress?.(batch.bytesRead, this.records);
      await afterBatch();
      const next: IteratorResult<Batch> = await extract.batches.next();
      batch = next.done ? null : next.value;
    }
    if (end === null) {
      throw new SyncError(SyncErrorCode.INVALID_FILE, 'the file has no 999 end record (it may be truncated)');
    }
    const trailer = parseEndRecord(end.line);
    if (!trailer.ok) throw new SyncError(SyncErrorCode.INVALID_FILE, `line ${end.lineNo}: ${trailer.reason}`);
    if (trailer.value.recordCount !== this.records) {
      throw new SyncError(
        SyncErrorCode.INVALID_FILE,
        `line ${end.lineNo}: the end record counts ${trailer.value.recordCount} records, the file has ${this.records}`,
      );
    }
    this.endLine = end.lineNo;
  }

  private record(line: string, lineNo: number, handle: (e: FeedEvent, lineNo: number) => void): void {
    const h = this.header;
    const parsed = parseDataRecord(line);
    if (!parsed.ok) return this.reject(lineNo, line.trim() === '' ? 'empty line' : parsed.reason);
    const e = parsed.value;
    if (e.sequenceNo < h.firstSequenceNo || e.sequenceNo > h.lastSequenceNo) {
      return this.reject(
        lineNo,
        `columns 4-15: sequence number outside the file's range ${h.firstSequenceNo}-${h.lastSequenceNo}`,
      );
    }
    const s = e.sequenceNo - h.firstSequenceNo;
    if (((this.seqBits[s >>> 3] as number) & (1 << (s & 7))) !== 0) {
      return this.reject(lineNo, 'columns 4-15: the sequence number is in the file already');
    }
    handle(e, lineNo);
  }

  loadedRanges(): SeqRange[] {
    const out: SeqRange[] = [];
    const base = this.header.firstSequenceNo;
    const n = this.header.lastSequenceNo - base + 1;
    let from = -1;
    for (let i = 0; i <= n; i++) {
      const set = i < n && ((this.seqBits[i >>> 3] as number) & (1 << (i & 7))) !== 0;
      if (set && from < 0) from = i;
      if (!set && from >= 0) {
        out.push({ from: base + from, to: base + i - 1 });
        from = -1;
      }
    }
    return out;
  }
}
