import { FeedFileKind } from '@nemkonto/cpr-cvr-sync-feed-format';

export interface RecordError {
  readonly lineNo: number;
  readonly reason: string;
}

// What became of a file. DUPLICATE: the same bytes (SHA-256) were received before; nothing was
// applied again. Reasons name lines, columns and rules, never a CPR number or a name.
export interface FeedFileReport {
  readonly fileId: string;
  readonly name: string;
  readonly sha256: string;
  readonly status: 'DONE' | 'FAILED' | 'DUPLICATE';
  readonly source: string | null;
  readonly kind: FeedFileKind | null;
  readonly records: number;
  readonly applied: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly reason: string | null;
  // The first malformed records (all of them are in feed_file_errors).
  readonly errors: readonly RecordError[];
}

export const REPORTED_ERRORS = 100;
