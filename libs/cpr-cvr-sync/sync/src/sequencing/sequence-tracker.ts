import { SourceKind } from '@nemkonto/cpr-cvr-sync-feed-format';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { syncMetrics } from '../sync.metrics';
import { SyncError, SyncErrorCode } from '../sync.errors';
import { SeqRange, SequenceWindow, missingCount, openGaps, sameRange } from './sequence-window';

export interface OpenedSource {
  readonly source: string;
  readonly kind: SourceKind;
  readonly window: SequenceWindow;
}

export interface GapChanges {
  readonly opened: readonly SeqRange[];
  // Gaps whose every number has arrived since.
  readonly closed: readonly SeqRange[];
  readonly open: readonly SeqRange[];
}

interface GapRow {
  gap_id: string;
  from_seq: string;
  to_seq: string;
  detected_at: Date;
}

const overlaps = (a: SeqRange, b: SeqRange): boolean => a.from <= b.to && b.from <= a.to;

// The per-source sequence bookkeeping, in the caller's transaction. open() locks the source's
// row, so appliers of one source run one at a time and the window cannot change underneath.
@Injectable()
export class SequenceTracker {
  private readonly logger = new Logger(SequenceTracker.name);

  async open(m: EntityManager, source: string): Promise<OpenedSource> {
    const [row] = (await m.query(
      `SELECT party_kind, last_contiguous::float8 AS lc FROM feed_sources WHERE source = $1 FOR UPDATE`,
      [source],
    )) as { party_kind: SourceKind; lc: number }[];
    if (!row)
      throw new SyncError(SyncErrorCode.UNKNOWN_SOURCE, `unknown feed source ${JSON.stringify(source)}`);
    const ranges = (await m.query(
      `SELECT from_seq::float8 AS "from", to_seq::float8 AS "to" FROM received_ranges WHERE source = $1 ORDER BY from_seq`,
      [source],
    )) as SeqRange[];
    return { source, kind: row.party_kind, window: { lastContiguous: row.lc, beyond: ranges } };
  }

  async save(
    m: EntityManager,
    source: string,
    before: SequenceWindow,
    after: SequenceWindow,
  ): Promise<GapChanges> {
    if (after.lastContiguous !== before.lastContiguous) {
      await m.query(
        `UPDATE feed_sources SET last_contiguous = $2, updated_at = clock_timestamp() WHERE source = $1`,
        [source, after.lastContiguous],
      );
    }
    const unchanged =
      before.beyond.length === after.beyond.length &&
      before.beyond.every((r, i) => sameRange(r, after.beyond[i] as SeqRange));
    if (!unchanged) {
      await m.query(`DELETE FROM received_ranges WHERE source = $1`, [source]);
      if (after.beyond.length > 0) {
        await m.query(
          `INSERT INTO received_ranges (source, from_seq, to_seq) SELECT $1, * FROM unnest($2::bigint[], $3::bigint[])`,
          [source, after.beyond.map((r) => r.from), after.beyond.map((r) => r.to)],
        );
      }
    }
    return this.reconcileGaps(m, source, openGaps(after));
  }

  // The gaps table follows the window: a gap that changed shape is closed and its remaining
  // parts are opened with the original detection time.
  private async reconcileGaps(
    m: EntityManager,
    source: string,
    now: readonly SeqRange[],
  ): Promise<GapChanges> {
    const rows = (await m.query(
      `SELECT gap_id, from_seq, to_seq, detected_at FROM sequence_gaps WHERE source = $1 AND closed_at IS NULL`,
      [source],
    )) as GapRow[];
    const known = rows.map((r) => ({
      id: r.gap_id,
      from: Number(r.from_seq),
      to: Number(r.to_seq),
      at: r.detected_at,
    }));
    const gone = known.filter((k) => !now.some((g) => sameRange(g, k)));
    const fresh = now.filter((g) => !known.some((k) => sameRange(g, k)));
    if (gone.length > 0) {
      await m.query(
        `UPDATE sequence_gaps SET closed_at = clock_timestamp() WHERE gap_id = ANY($1::bigint[])`,
        [gone.map((g) => g.id)],
      );
    }
    const opened: SeqRange[] = [];
    if (fresh.length > 0) {
      const detected = fresh.map((g) => {
        const earlier = gone.filter((k) => overlaps(k, g)).map((k) => k.at.getTime());
        if (earlier.length === 0) opened.push(g);
        return earlier.length > 0 ? new Date(Math.min(...earlier)).toISOString() : null;
      });
      await m.query(
        `INSERT INTO sequence_gaps (source, from_seq, to_seq, detected_at)
         SELECT $1, f, t, coalesce(d, clock_timestamp()) FROM unnest($2::bigint[], $3::bigint[], $4::timestamptz[]) AS x(f, t, d)`,
        [source, fresh.map((g) => g.from), fresh.map((g) => g.to), detected],
      );
    }
    const closed = gone.filter((k) => !now.some((g) => overlaps(g, k))).map(({ from, to }) => ({ from, to }));
    // Sequence numbers and counts only: a gap says nothing about whom it concerns.
    for (const g of opened) {
      this.logger.warn(
        { source, fromSeq: g.from, toSeq: g.to, missing: g.to - g.from + 1 },
        'feed sequence gap detected',
      );
    }
    for (const g of closed)
      this.logger.log({ source, fromSeq: g.from, toSeq: g.to }, 'feed sequence gap closed');
    syncMetrics.openGaps.set({ source }, now.length);
    syncMetrics.missingSequences.set({ source }, missingCount(now));
    return { opened, closed, open: now };
  }
}
