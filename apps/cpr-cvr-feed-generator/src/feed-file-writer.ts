import {
  FeedEvent,
  FeedFileHeader,
  writeDataRecord,
  writeEndRecord,
  writeStartRecord,
} from '@nemkonto/cpr-cvr-sync-feed-format';
import { closeSync, openSync, writeSync } from 'node:fs';

// Writes a feed file as it is generated: records are gathered into large chunks (ISO 8859-1) and
// written synchronously (a generator has nothing else to do meanwhile), and the start record,
// whose sequence range is known only at the end, is written last in place (fixed width).
export class FeedFileWriter {
  private readonly fd: number;
  // Records go straight into one reused buffer: strings held until a join would survive into
  // V8's old generation and cost more in garbage collection than the rest of the writing.
  private readonly buffer = Buffer.allocUnsafe(4 << 20);
  private used = 0;
  private count = 0;
  private first = Number.POSITIVE_INFINITY;
  private last = 0;

  constructor(
    path: string,
    private readonly header: Omit<FeedFileHeader, 'firstSequenceNo' | 'lastSequenceNo'>,
  ) {
    this.fd = openSync(path, 'w');
    this.line(writeStartRecord({ ...header, firstSequenceNo: 0, lastSequenceNo: 0 }));
  }

  get records(): number {
    return this.count;
  }

  add(e: FeedEvent): void {
    this.line(writeDataRecord(e));
    this.count++;
    if (e.sequenceNo < this.first) this.first = e.sequenceNo;
    if (e.sequenceNo > this.last) this.last = e.sequenceNo;
  }

  private line(text: string): void {
    if (this.used + text.length + 1 > this.buffer.length) this.flush();
    this.used += this.buffer.write(text, this.used, 'latin1');
    this.buffer[this.used++] = 0x0a;
  }

  private flush(): void {
    if (this.used === 0) return;
    writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }

  close(): { records: number; firstSequenceNo: number; lastSequenceNo: number } {
    this.line(writeEndRecord(this.count));
    this.flush();
    const range = { firstSequenceNo: this.count === 0 ? 0 : this.first, lastSequenceNo: this.last };
    writeSync(
      this.fd,
      Buffer.from(writeStartRecord({ ...this.header, ...range }), 'latin1'),
      0,
      undefined,
      0,
    );
    closeSync(this.fd);
    return { records: this.count, ...range };
  }
}
