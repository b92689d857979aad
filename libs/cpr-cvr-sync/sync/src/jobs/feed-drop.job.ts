import { PeriodicJob, SERVICE_CONFIG, ServiceConfig } from '@nemkonto/platform-service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { syncMetrics } from '../sync.metrics';
import { SYNC_SETTINGS, SyncSettings } from '../sync.settings';
import { IngestFeedFileUseCase } from '../usecases/ingest-feed-file/ingest-feed-file.usecase';
import { PublishInitialStateUseCase } from '../usecases/initial-load/publish-initial-state.usecase';

// A file being written must not be taken: write it as *.tmp or *.part (or a dot file), then rename.
const IN_PROGRESS = /(^\.)|(\.(tmp|part)$)/;
// Publication batches (10,000 states each) per run, so a shutdown does not wait for millions.
const PUBLICATION_BATCHES_PER_RUN = 20;

// Every NK_JOB_INTERVAL_MS: files in NK_SYNC_DROP_DIR are ingested and moved to done/ or
// failed/; an initial load's publication downstream goes on; the gap gauges are refreshed.
@Injectable()
export class FeedDropJob extends PeriodicJob {
  protected readonly name = 'feed drop';

  constructor(
    private readonly dataSource: DataSource,
    private readonly ingest: IngestFeedFileUseCase,
    private readonly publication: PublishInitialStateUseCase,
    @Inject(SYNC_SETTINGS) private readonly settings: SyncSettings,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super(config.NK_JOB_INTERVAL_MS);
  }

  protected async runOnce(): Promise<void> {
    await this.refreshGauges();
    await this.publishInitialState();
    if (this.settings.dropDir !== null) await this.ingestDropped(this.settings.dropDir);
  }

  private async ingestDropped(dir: string): Promise<void> {
    for (const sub of ['done', 'failed']) await mkdir(join(dir, sub), { recursive: true });
    const names = (await readdir(dir)).filter((n) => !IN_PROGRESS.test(n)).sort();
    for (const name of names) {
      const path = join(dir, name);
      if (!(await stat(path)).isFile()) continue;
      const report = await this.ingest.execute(path, name);
      const target = report.status === 'FAILED' ? 'failed' : 'done';
      const moved = join(dir, target, name);
      const exists = await stat(moved).then(
        () => true,
        () => false,
      );
      await rename(path, exists ? `${moved}.${report.fileId}` : moved);
      this.logger.log(
        { name, status: report.status, applied: report.applied, rejected: report.rejected, movedTo: target },
        'dropped feed file handled',
      );
    }
  }

  private async publishInitialState(): Promise<void> {
    for (const source of await this.publication.pending()) {
      for (let i = 0; i < PUBLICATION_BATCHES_PER_RUN; i++) {
        if ((await this.publication.runBatch(source)).finished) break;
      }
    }
  }

  private async refreshGauges(): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT s.source, count(g.gap_id)::int AS gaps, coalesce(sum(g.to_seq - g.from_seq + 1), 0)::float8 AS missing
         FROM feed_sources s LEFT JOIN sequence_gaps g ON g.source = s.source AND g.closed_at IS NULL
        GROUP BY s.source`,
    )) as { source: string; gaps: number; missing: number }[];
    for (const r of rows) {
      syncMetrics.openGaps.set({ source: r.source }, r.gaps);
      syncMetrics.missingSequences.set({ source: r.source }, r.missing);
    }
  }
}
