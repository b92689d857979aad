import {
  FeedEvent,
  FeedFileHeader,
  SourceKind,
  parseDataRecord,
  readFeedLines,
} from '@nemkonto/cpr-cvr-sync-feed-format';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { syncMetrics } from '../../sync.metrics';
import { SYNC_SETTINGS, SyncSettings } from '../../sync.settings';
import { ApplyFeedEventsUseCase, partyKindOf } from '../apply-feed-events/apply-feed-events.usecase';
import { FeedFileReport, REPORTED_ERRORS, RecordError } from './feed-file-report';
import { FeedFileScan, scanFeedFile } from './feed-file-scan';

interface FileRow {
  file_id: string;
  name: string;
  sha256: string;
  source: string | null;
  kind: 'INITIAL' | 'CHANGE' | null;
  records: number;
  applied: number;
  duplicates: number;
  rejected: number;
  next_line: number;
  status: 'IN_PROGRESS' | 'DONE' | 'FAILED';
  reason: string | null;
}

interface Pending {
  readonly events: FeedEvent[];
  readonly errors: RecordError[];
}

// A feed file (drop directory or operator upload): checked as a whole first (hash, frame), then
// applied in batches of NK_SYNC_FILE_BATCH records, each batch one transaction that also moves
// the file's resume point, so an interrupted file goes on where it stopped. A malformed record is
// reported with its line and reason and the rest goes on; the same file again is a no-op.
@Injectable()
export class IngestFeedFileUseCase {
  private readonly logger = new Logger(IngestFeedFileUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly apply: ApplyFeedEventsUseCase,
    @Inject(SYNC_SETTINGS) private readonly settings: SyncSettings,
  ) {}

  async execute(path: string, name: string): Promise<FeedFileReport> {
    const scan = await scanFeedFile(path);
    const known = await this.find(scan.sha256);
    if (known && known.status !== 'IN_PROGRESS')
      return { ...(await this.report(known)), status: 'DUPLICATE' };
    const file = known ?? (await this.register(scan, name));
    if (file.status === 'FAILED' || !scan.header) return this.report(file);
    const kind = await this.sourceKind(scan.header.source);
    let pending: Pending = { events: [], errors: [] };
    for await (const batch of readFeedLines(path)) {
      for (let i = 0; i < batch.lines.length; i++) {
        const lineNo = batch.firstLineNo + i;
        if (lineNo < file.next_line || lineNo >= scan.endLine) continue;
        this.parse(batch.lines[i] as string, lineNo, scan.header, kind, pending);
        if (pending.events.length + pending.errors.length >= this.settings.fileBatch) {
          await this.commit(file, scan.header, pending, lineNo + 1);
          pending = { events: [], errors: [] };
        }
      }
    }
    await this.commit(file, scan.header, pending, scan.endLine);
    await this.dataSource.query(
      `UPDATE feed_files SET status = 'DONE', finished_at = clock_timestamp() WHERE file_id = $1`,
      [file.file_id],
    );
    const done = await this.report((await this.find(scan.sha256)) as FileRow);
    this.logger.log(
      {
        fileId: done.fileId,
        source: done.source,
        records: done.records,
        applied: done.applied,
        duplicates: done.duplicates,
        rejected: done.rejected,
      },
      'feed file ingested',
    );
    return done;
  }

  private parse(line: string, lineNo: number, header: FeedFileHeader, kind: SourceKind, into: Pending): void {
    const reject = (reason: string): void => void into.errors.push({ lineNo, reason });
    if (line.trim() === '') return reject('empty line');
    const parsed = parseDataRecord(line);
    if (!parsed.ok) return reject(parsed.reason);
    const e = parsed.value;
    if (partyKindOf(e) !== kind) {
      return reject(
        `a ${e.type} record does not belong in a file of source ${header.source} (${kind.toLowerCase()})`,
      );
    }
    if (e.sequenceNo < header.firstSequenceNo || e.sequenceNo > header.lastSequenceNo) {
      return reject(
        `columns 4-15: sequence number outside the file's range ${header.firstSequenceNo}-${header.lastSequenceNo}`,
      );
    }
    into.events.push(e);
  }

  // One batch: its events, its malformed records and the file's new resume point together.
  private async commit(file: FileRow, header: FeedFileHeader, p: Pending, nextLine: number): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [row] = (await m.query(`SELECT next_line FROM feed_files WHERE file_id = $1 FOR UPDATE`, [
        file.file_id,
      ])) as { next_line: number }[];
      if (row?.next_line !== file.next_line) {
        throw new Error(`feed file ${file.file_id} is being ingested elsewhere`);
      }
      if (header.kind === 'INITIAL') await this.startWindow(m, header);
      const result =
        p.events.length > 0
          ? await this.apply.execute(m, header.source, p.events, { correlationId: file.file_id })
          : { applied: 0, duplicates: 0 };
      if (p.errors.length > 0) {
        await m.query(
          `INSERT INTO feed_file_errors (file_id, line_no, reason) SELECT $1, * FROM unnest($2::int[], $3::text[])
           ON CONFLICT DO NOTHING`,
          [file.file_id, p.errors.map((e) => e.lineNo), p.errors.map((e) => e.reason)],
        );
      }
      await m.query(
        `UPDATE feed_files SET applied = applied + $2, duplicates = duplicates + $3, rejected = rejected + $4, next_line = $5
          WHERE file_id = $1`,
        [file.file_id, result.applied, result.duplicates, p.errors.length, nextLine],
      );
      syncMetrics.events.inc({ source: header.source, via: 'file', outcome: 'applied' }, result.applied);
      syncMetrics.events.inc({ source: header.source, via: 'file', outcome: 'duplicate' }, result.duplicates);
      syncMetrics.events.inc({ source: header.source, via: 'file', outcome: 'rejected' }, p.errors.length);
    });
    file.next_line = nextLine;
  }

  // A source that has received nothing yet starts where its first initial extract starts.
  private async startWindow(m: EntityManager, header: FeedFileHeader): Promise<void> {
    await m.query(
      `UPDATE feed_sources SET last_contiguous = $2
        WHERE source = $1 AND last_contiguous = 0 AND NOT EXISTS (SELECT 1 FROM received_ranges WHERE source = $1)`,
      [header.source, header.firstSequenceNo - 1],
    );
  }

  private async register(scan: FeedFileScan, name: string): Promise<FileRow> {
    const h = scan.header;
    let failure = scan.failure;
    if (failure === null && h && !(await this.sourceExists(h.source))) {
      failure = `line 1: unknown feed source ${JSON.stringify(h.source)}`;
    }
    await this.dataSource.query(
      `INSERT INTO feed_files (file_id, sha256, name, source, kind, records, status, reason, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $7 = 'FAILED' THEN clock_timestamp() END)
       ON CONFLICT (sha256) DO NOTHING`,
      [
        randomUUID(),
        scan.sha256,
        name.slice(0, 255),
        h?.source ?? null,
        h?.kind ?? null,
        scan.records,
        failure ? 'FAILED' : 'IN_PROGRESS',
        failure,
      ],
    );
    if (failure) this.logger.warn({ name, reason: failure }, 'feed file refused');
    return (await this.find(scan.sha256)) as FileRow;
  }

  private async sourceExists(source: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM feed_sources WHERE source = $1`, [
      source,
    ])) as unknown[];
    return rows.length > 0;
  }

  private async sourceKind(source: string): Promise<SourceKind> {
    const [row] = (await this.dataSource.query(`SELECT party_kind FROM feed_sources WHERE source = $1`, [
      source,
    ])) as {
      party_kind: SourceKind;
    }[];
    if (!row) throw new Error(`unknown feed source ${source}`);
    return row.party_kind;
  }

  private async find(sha256: string): Promise<FileRow | undefined> {
    const [row] = (await this.dataSource.query(`SELECT * FROM feed_files WHERE sha256 = $1`, [
      sha256,
    ])) as FileRow[];
    return row;
  }

  async report(row: FileRow): Promise<FeedFileReport> {
    const errors = (await this.dataSource.query(
      `SELECT line_no AS "lineNo", reason FROM feed_file_errors WHERE file_id = $1 ORDER BY line_no LIMIT $2`,
      [row.file_id, REPORTED_ERRORS],
    )) as RecordError[];
    return {
      fileId: row.file_id,
      name: row.name,
      sha256: row.sha256,
      status: row.status === 'FAILED' ? 'FAILED' : 'DONE',
      source: row.source,
      kind: row.kind,
      records: row.records,
      applied: row.applied,
      duplicates: row.duplicates,
      rejected: row.rejected,
      reason: row.reason,
      errors,
    };
  }
}
