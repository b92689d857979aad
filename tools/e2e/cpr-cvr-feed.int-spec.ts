// The feed generator against cpr-cvr-sync as a real process: an initial extract uploaded, then
// one day's change stream both as JSON events on the RabbitMQ feed and, the same events, as a
// dropped file (which then changes nothing: every sequence number was received already).
import { expectEventually } from '@nemkonto/testing';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateChanges,
  writeChangeFiles,
  writeInitialExtract,
} from '../../apps/cpr-cvr-feed-generator/src/generate-files';
import { publishFeedEvents } from '../../apps/cpr-cvr-feed-generator/src/publish-feed';
import { SyncServiceFixture } from '../../libs/cpr-cvr-sync/sync/src/integration/sync-service.fixture';

jest.setTimeout(180_000);

describe('feed generator → cpr-cvr-sync (real process)', () => {
  const sync = new SyncServiceFixture();
  const dir = mkdtempSync(join(tmpdir(), 'nk-feed-e2e-'));
  const count = async (sql: string): Promise<number> =>
    Number(((await sync.ds.query(sql)) as { n: string }[])[0]?.n);
  const lastContiguous = async (source: string): Promise<number> =>
    count(`SELECT last_contiguous AS n FROM feed_sources WHERE source = '${source}'`);

  beforeAll(() => sync.start('feede2e'));
  afterAll(async () => {
    await sync.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes an initial extract and a day of changes over RabbitMQ; the same day as a file changes nothing', async () => {
    const [cpr, cvr] = writeInitialExtract({
      outDir: dir,
      persons: 5000,
      companies: 600,
      seed: 21,
      today: '2026-01-05',
    });
    for (const f of [cpr!, cvr!]) {
      const up = await sync.http(
        'POST',
        `/operator/feed/files?name=${f.source}-initial`,
        readFileSync(f.path),
      );
      expect(up.json).toMatchObject({ status: 'DONE', rejected: 0, applied: f.records });
    }
    expect(await count(`SELECT count(*) AS n FROM persons`)).toBe(5000);

    const changes = await generateChanges({
      basePaths: [cpr!.path, cvr!.path],
      events: 1500,
      seed: 22,
      today: '2026-01-06',
    });
    // The test's broker user stands in for the feed's own (NK_SYNC_FEED_USERS=CPR=guest,CVR=guest).
    await publishFeedEvents(changes.persons, { amqpUrl: sync.infra.amqpUrl, source: 'CPR' });
    await publishFeedEvents(changes.companies, { amqpUrl: sync.infra.amqpUrl, source: 'CVR' });
    await expectEventually(
      async () => {
        expect(await lastContiguous('CPR')).toBe(changes.persons.at(-1)!.sequenceNo);
        expect(await lastContiguous('CVR')).toBe(changes.companies.at(-1)!.sequenceNo);
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    expect(await sync.dlqDepth('cpr-cvr-sync.feed-events')).toBe(0);
    const gaps = (await sync.http('GET', '/operator/feed/gaps')).json as { openGaps: unknown[] }[];
    expect(gaps.every((g) => g.openGaps.length === 0)).toBe(true);
    const deaths = changes.persons.filter(
      (e) => e.type === 'person.status-changed' && e.status === 'DEAD',
    ).length;
    await expectEventually(() =>
      expect(
        sync
          .payloads('sync.person-changed')
          .flatMap((p) => p.persons)
          .filter((p) => p.status === 'DEAD').length,
      ).toBeGreaterThanOrEqual(deaths),
    );

    const published = sync.published.length;
    // Copied as *.tmp and renamed, as a sender must, so the job never reads half a file.
    for (const f of writeChangeFiles(join(dir, 'out'), '2026-01-06', changes)) {
      const name = f.path.split('/').at(-1)!;
      copyFileSync(f.path, join(sync.dropDir, `${name}.tmp`));
      renameSync(join(sync.dropDir, `${name}.tmp`), join(sync.dropDir, name));
    }
    await expectEventually(() => expect(readdirSync(join(sync.dropDir, 'done'))).toHaveLength(2), {
      timeoutMs: 30_000,
    });
    const files = (await sync.http('GET', '/operator/feed/files')).json as {
      name: string;
      applied: number;
      duplicates: number;
      records: number;
    }[];
    for (const f of files.filter((x) => x.name.includes('changes')))
      expect(f).toMatchObject({ applied: 0, duplicates: f.records });
    expect(sync.published.length).toBe(published);
  });
});
