import { IntegrationContext, createIntegrationContext, openMigratedDataSource } from '@nemkonto/testing';
import { DataSource } from 'typeorm';
import { OutboxInbox1764000000000, OutboxStore, pgPoolOf } from '@nemkonto/platform-persistence';

describe('OutboxStore.purgeSent (real Postgres)', () => {
  let infra: IntegrationContext;
  let ds: DataSource;

  beforeAll(async () => {
    infra = await createIntegrationContext('purge');
    ds = await openMigratedDataSource(infra, [OutboxInbox1764000000000]);
  });

  afterAll(async () => {
    await ds.destroy();
    await infra.dispose();
  });

  it('deletes only rows sent longer ago than the retention, never unsent ones, in bounded batches', async () => {
    const insert = (n: number, sentHoursAgo: number | null): Promise<unknown> =>
      ds.query(
        `INSERT INTO outbox (message_id, exchange, routing_key, message_type, body, sent_at)
         SELECT gen_random_uuid(), 'x', 'k', 't', 'b',
                CASE WHEN $2::int IS NULL THEN NULL ELSE clock_timestamp() - make_interval(hours => $2::int) END
           FROM generate_series(1, $1::int)`,
        [n, sentHoursAgo],
      );
    await insert(25, 100);
    await insert(4, 10);
    await insert(3, null);
    const store = new OutboxStore(pgPoolOf(ds));
    expect(await store.purgeSent(72, 10)).toBe(10);
    expect(await store.purgeSent(72, 10)).toBe(10);
    expect(await store.purgeSent(72, 10)).toBe(5);
    expect(await store.purgeSent(72, 10)).toBe(0);
    const left = (await ds.query(
      `SELECT count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent, count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS recent FROM outbox`,
    )) as { unsent: number; recent: number }[];
    expect(left[0]).toEqual({ unsent: 3, recent: 4 });
  });
});
