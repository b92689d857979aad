// The apply use case against a migrated database of its own, emptied before each test, and what
// the tests read back: stored rows, published states (from the outbox) and recorded gaps.
import { CompanyStateDto, PersonStateDto } from '@nemkonto/contracts';
import { FeedEvent } from '@nemkonto/cpr-cvr-sync-feed-format';
import { Outbox } from '@nemkonto/platform-messaging';
import { OutboxInbox1764000000000 } from '@nemkonto/platform-persistence';
import { IntegrationContext, createIntegrationContext, openMigratedDataSource } from '@nemkonto/testing';
import { DataSource } from 'typeorm';
import { SyncSchema1764000005000 } from '../migrations/sync-schema.migration';
import { SequenceTracker } from '../sequencing/sequence-tracker';
import { ApplyFeedEventsUseCase, ApplyResult } from '../usecases/apply-feed-events/apply-feed-events.usecase';
import { CompanyStore } from '../usecases/apply-feed-events/company.store';
import { PersonStore } from '../usecases/apply-feed-events/person.store';

export const A = '2110625629';
export const B = '0101505123';
export const C = '1503802345';
export const CVR = '13748136';
export const d = '2026-02-01';

// Call inside a describe: registers the set-up and tear-down hooks and returns the helpers.
export function useApplyFeedEvents(name: string) {
  let infra: IntegrationContext;
  let ds: DataSource;
  let useCase: ApplyFeedEventsUseCase;

  const query = (sql: string, params?: unknown[]): Promise<unknown[]> =>
    ds.query(sql, params) as Promise<unknown[]>;
  const apply = (source: string, events: FeedEvent[]): Promise<ApplyResult> =>
    ds.transaction((m) => useCase.execute(m, source, events));
  const person = async (cpr: string) =>
    ((await ds.query(`SELECT * FROM persons WHERE cpr = $1`, [cpr])) as Record<string, unknown>[])[0];
  const published = async (): Promise<PersonStateDto[]> =>
    (
      (await ds.query(
        `SELECT body FROM outbox WHERE message_type = 'sync.person-changed' ORDER BY created_at`,
      )) as { body: string }[]
    ).flatMap((r) => (JSON.parse(r.body) as { payload: { persons: PersonStateDto[] } }).payload.persons);
  const publishedCompanies = async (): Promise<CompanyStateDto[]> =>
    (
      (await ds.query(
        `SELECT body FROM outbox WHERE message_type = 'sync.company-changed' ORDER BY created_at`,
      )) as { body: string }[]
    ).flatMap((r) => (JSON.parse(r.body) as { payload: { companies: CompanyStateDto[] } }).payload.companies);
  const gaps = async (source = 'CPR') =>
    (await ds.query(
      `SELECT from_seq::int AS "from", to_seq::int AS "to", closed_at IS NOT NULL AS closed FROM sequence_gaps
        WHERE source = $1 ORDER BY gap_id`,
      [source],
    )) as { from: number; to: number; closed: boolean }[];

  beforeAll(async () => {
    infra = await createIntegrationContext(name);
    ds = await openMigratedDataSource(infra, [OutboxInbox1764000000000, SyncSchema1764000005000]);
    useCase = new ApplyFeedEventsUseCase(
      new SequenceTracker(),
      new PersonStore(),
      new CompanyStore(),
      new Outbox('cpr-cvr-sync'),
    );
  });

  beforeEach(async () => {
    await ds.query(
      `TRUNCATE persons, person_number_changes, companies, company_se_numbers, company_p_numbers, received_ranges, sequence_gaps, outbox`,
    );
    await ds.query(`UPDATE feed_sources SET last_contiguous = 0`);
  });

  afterAll(async () => {
    await ds?.destroy();
    await infra?.dispose();
  });

  return { query, apply, person, published, publishedCompanies, gaps };
}
