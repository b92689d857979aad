import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface SourceGaps {
  readonly source: string;
  readonly partyKind: string;
  readonly lastContiguous: number;
  readonly highestReceived: number;
  readonly openGaps: readonly {
    readonly fromSeq: number;
    readonly toSeq: number;
    readonly missing: number;
    readonly detectedAt: string;
  }[];
}

export interface FeedFileSummary {
  readonly fileId: string;
  readonly name: string;
  readonly source: string | null;
  readonly kind: string | null;
  readonly status: string;
  readonly records: number;
  readonly applied: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly reason: string | null;
  readonly receivedAt: string;
  readonly finishedAt: string | null;
}

// What operators look at: open gaps per source and the files received. Sequence numbers and
// counts only; nothing here names a person.
@Injectable()
export class FeedQueries {
  constructor(private readonly dataSource: DataSource) {}

  async gaps(): Promise<SourceGaps[]> {
    const sources = (await this.dataSource.query(
      `SELECT s.source, s.party_kind, s.last_contiguous::float8 AS lc,
              GREATEST(s.last_contiguous, coalesce(max(r.to_seq), 0))::float8 AS highest
         FROM feed_sources s LEFT JOIN received_ranges r USING (source)
        GROUP BY s.source, s.party_kind, s.last_contiguous ORDER BY s.source`,
    )) as { source: string; party_kind: string; lc: number; highest: number }[];
    const gaps = (await this.dataSource.query(
      `SELECT source, from_seq::float8 AS f, to_seq::float8 AS t, detected_at FROM sequence_gaps
        WHERE closed_at IS NULL ORDER BY source, from_seq`,
    )) as { source: string; f: number; t: number; detected_at: Date }[];
    return sources.map((s) => ({
      source: s.source,
      partyKind: s.party_kind,
      lastContiguous: s.lc,
      highestReceived: s.highest,
      openGaps: gaps
        .filter((g) => g.source === s.source)
        .map((g) => ({
          fromSeq: g.f,
          toSeq: g.t,
          missing: g.t - g.f + 1,
          detectedAt: g.detected_at.toISOString(),
        })),
    }));
  }

  async files(limit: number): Promise<FeedFileSummary[]> {
    const rows = (await this.dataSource.query(
      `SELECT file_id, name, source, kind, status, records, applied, duplicates, rejected, reason, received_at, finished_at
         FROM feed_files ORDER BY received_at DESC LIMIT $1`,
      [limit],
    )) as {
      file_id: string;
      name: string;
      source: string | null;
      kind: string | null;
      status: string;
      records: number;
      applied: number;
      duplicates: number;
      rejected: number;
      reason: string | null;
      received_at: Date;
      finished_at: Date | null;
    }[];
    return rows.map((r) => ({
      fileId: r.file_id,
      name: r.name,
      source: r.source,
      kind: r.kind,
      status: r.status,
      records: r.records,
      applied: r.applied,
      duplicates: r.duplicates,
      rejected: r.rejected,
      reason: r.reason,
      receivedAt: r.received_at.toISOString(),
      finishedAt: r.finished_at?.toISOString() ?? null,
    }));
  }
}
