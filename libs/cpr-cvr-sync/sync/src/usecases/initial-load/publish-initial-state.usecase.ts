import { OutgoingMessage, Outbox } from '@nemkonto/platform-messaging';
import { PersonStateDto } from '@nemkonto/contracts';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { COMPANY_COMPLETE, CompanyStore } from '../apply-feed-events/company.store';
import { MAX_STATES_PER_MESSAGE, chunks, companyState } from '../apply-feed-events/party-states';
import { PERSON_COMPLETE } from '../apply-feed-events/person.store';

export interface PublicationProgress {
  readonly source: string;
  readonly published: number;
  readonly finished: boolean;
}

// Messages (of up to 1,000 states) written per transaction (fewer commits, each waiting for the
// WAL flush, matter at thousands of messages).
export const MESSAGES_PER_BATCH = 25;
export const PUBLICATION_BATCH = Symbol('PUBLICATION_BATCH');

// Sends an initial load's state downstream (sync.person-changed / sync.company-changed, kind
// INITIAL_LOAD, chunks of 1,000 in key order) through the outbox, a batch per transaction that
// also moves the cursor: interrupted, it goes on where it stopped, and two runners (the load
// command and the service) never publish the same chunk twice.
@Injectable()
export class PublishInitialStateUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly companies: CompanyStore,
    @Optional() @Inject(PUBLICATION_BATCH) private readonly messagesPerBatch: number = MESSAGES_PER_BATCH,
  ) {}

  // Sources with a publication still to do.
  async pending(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT source FROM initial_publications WHERE finished_at IS NULL ORDER BY source`,
    )) as { source: string }[];
    return rows.map((r) => r.source);
  }

  async runBatch(source: string): Promise<PublicationProgress> {
    return this.dataSource.transaction(async (m) => {
      const [cursor] = (await m.query(
        `SELECT p.after_key, p.published::float8 AS published, p.finished_at, s.party_kind
           FROM initial_publications p JOIN feed_sources s USING (source) WHERE p.source = $1 FOR UPDATE OF p`,
        [source],
      )) as { after_key: string; published: number; finished_at: Date | null; party_kind: string }[];
      if (!cursor || cursor.finished_at !== null)
        return { source, published: cursor?.published ?? 0, finished: true };
      const limit = this.messagesPerBatch * MAX_STATES_PER_MESSAGE;
      const { messages, states, lastKey } =
        cursor.party_kind === 'PERSONS'
          ? await this.persons(m, source, cursor.after_key, limit)
          : await this.companiesAfter(m, source, cursor.after_key, limit);
      await this.outbox.enqueueMany(m, messages);
      const finished = states < limit;
      await m.query(
        `UPDATE initial_publications SET after_key = $2, published = published + $3,
                finished_at = CASE WHEN $4::bool THEN clock_timestamp() END
          WHERE source = $1`,
        [source, lastKey ?? cursor.after_key, states, finished],
      );
      return { source, published: cursor.published + states, finished };
    });
  }

  async total(source: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT CASE s.party_kind WHEN 'PERSONS' THEN (SELECT count(*) FROM persons WHERE ${PERSON_COMPLETE})
                                ELSE (SELECT count(*) FROM companies c WHERE ${COMPANY_COMPLETE}) END::float8 AS n
         FROM feed_sources s WHERE s.source = $1`,
      [source],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  private async persons(
    m: EntityManager,
    source: string,
    after: string,
    limit: number,
  ): Promise<{ messages: OutgoingMessage[]; states: number; lastKey: string | undefined }> {
    // Rows as arrays and the published values computed by the server: millions of rows.
    const client = (await m.queryRunner?.connect()) as PoolClient;
    const { rows } = await client.query<
      [string, string | null, boolean, PersonStateDto['status'], string | null, number]
    >({
      text: `SELECT cpr,
                    CASE WHEN protected THEN NULL ELSE NULLIF(left(concat_ws(' ', first_names, last_name), 140), '') END,
                    protected,
                    CASE status WHEN 'A' THEN 'ACTIVE' WHEN 'D' THEN 'DEAD' WHEN 'E' THEN 'EMIGRATED' ELSE 'INCAPACITATED' END,
                    CASE WHEN status = 'A' THEN NULL ELSE to_char(status_date, 'YYYY-MM-DD') END,
                    GREATEST(name_seq, address_seq, protection_seq, status_seq)::float8
               FROM persons WHERE cpr > $1 AND ${PERSON_COMPLETE} ORDER BY cpr LIMIT $2`,
      values: [after, limit],
      rowMode: 'array',
    });
    const states: PersonStateDto[] = rows.map(([cpr, name, prot, status, statusDate, seq]) => ({
      sequenceNo: seq,
      cpr,
      previousCpr: null,
      status,
      statusDate,
      name,
      protected: prot,
    }));
    return {
      messages: chunks(states).map((persons) => ({
        type: 'sync.person-changed' as const,
        payload: { source, kind: 'INITIAL_LOAD' as const, persons },
      })),
      states: rows.length,
      lastKey: rows.at(-1)?.[0],
    };
  }

  private async companiesAfter(
    m: EntityManager,
    source: string,
    after: string,
    limit: number,
  ): Promise<{ messages: OutgoingMessage[]; states: number; lastKey: string | undefined }> {
    const keys = (await m.query(
      `SELECT cvr FROM companies c WHERE cvr > $1 AND ${COMPANY_COMPLETE} ORDER BY cvr LIMIT $2`,
      [after, limit],
    )) as { cvr: string }[];
    const states = (
      await this.companies.states(
        m,
        keys.map((k) => k.cvr),
      )
    ).map(companyState);
    return {
      messages: chunks(states).map((companies) => ({
        type: 'sync.company-changed' as const,
        payload: { source, kind: 'INITIAL_LOAD' as const, companies },
      })),
      states: keys.length,
      lastKey: keys.at(-1)?.cvr,
    };
  }
}
