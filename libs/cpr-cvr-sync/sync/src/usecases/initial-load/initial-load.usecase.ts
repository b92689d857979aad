import { SourceKind, parseStartRecord } from '@nemkonto/cpr-cvr-sync-feed-format';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { SequenceTracker } from '../../sequencing/sequence-tracker';
import { SeqRange, normalise } from '../../sequencing/sequence-window';
import { SyncError, SyncErrorCode } from '../../sync.errors';
import { RecordError } from '../ingest-feed-file/feed-file-report';
import { ExtractPass, LoadProgress, OpenedExtract, openExtract } from './extract-pass';
import { checkPersonLine, cprIndexOfLine, encodePersonLine } from './person-fast-path';
import { sha256OfFile } from '../ingest-feed-file/feed-file-scan';
import { CopyRowBuffer } from './copy-row-buffer';
import {
  COMPANY_COPY_COLUMNS,
  NumberBitmap,
  PERSON_COPY_COLUMNS,
  UNIT_COPY_COLUMNS,
  encodeCompany,
  encodePerson,
  encodeUnit,
} from './extract-rows';

export interface InitialLoadReport {
  readonly fileId: string;
  readonly name: string;
  readonly status: 'LOADED' | 'DUPLICATE';
  readonly source: string;
  readonly partyKind: SourceKind;
  readonly records: number;
  readonly persons: number;
  readonly companies: number;
  readonly seNumbers: number;
  readonly pNumbers: number;
  readonly rejected: number;
  readonly errors: readonly RecordError[];
  readonly gaps: readonly SeqRange[];
  readonly seconds: number;
}

const FLUSH_BYTES = 1 << 20;

interface Copy {
  readonly stream: Writable;
  readonly done: Promise<unknown>;
}

// The first full extract of a source, into an empty register, in one transaction: binary COPY
// (no index maintenance while it runs: primary keys are dropped and rebuilt, rows are frozen),
// every record checked as in a file drop (malformed or duplicate ones reported by line and
// skipped, their sequence numbers left as gaps). The state goes downstream afterwards
// (PublishInitialStateUseCase), resumably.
@Injectable()
export class InitialLoadUseCase {
  private readonly logger = new Logger(InitialLoadUseCase.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tracker: SequenceTracker,
  ) {}

  async execute(path: string, onProgress?: LoadProgress): Promise<InitialLoadReport> {
    const started = Date.now();
    const sha256 = await sha256OfFile(path);
    const name = basename(path)
      .replace(/[^\x20-\x7e]/g, '_')
      .slice(0, 255);
    const [known] = (await this.dataSource.query(`SELECT file_id, source FROM feed_files WHERE sha256 = $1`, [
      sha256,
    ])) as {
      file_id: string;
      source: string;
    }[];
    if (known) return this.duplicate(known.file_id, name, known.source, started);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const report = await this.load(runner, path, name, sha256, started, onProgress);
      await runner.commitTransaction();
      this.logger.log(
        {
          fileId: report.fileId,
          source: report.source,
          records: report.records,
          rejected: report.rejected,
          seconds: report.seconds,
        },
        'initial extract loaded',
      );
      return report;
    } catch (err) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  private async load(
    runner: QueryRunner,
    path: string,
    name: string,
    sha256: string,
    started: number,
    onProgress?: LoadProgress,
  ): Promise<InitialLoadReport> {
    const client = (await runner.connect()) as PoolClient;
    const m = runner.manager;
    const extract = await openExtract(path);
    const start = parseStartRecord(extract.startRecord);
    if (!start.ok) throw new SyncError(SyncErrorCode.INVALID_FILE, `line 1: ${start.reason}`);
    const header = start.value;
    const opened = await this.tracker.open(m, header.source);
    await this.assertEmpty(
      m,
      header.source,
      opened.kind,
      opened.window.lastContiguous + opened.window.beyond.length,
    );
    // Index builds after the COPY sort in memory; the extract's strings arrive as ISO 8859-1.
    await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    await client.query(`SET LOCAL client_encoding = 'LATIN1'`);
    const state = new ExtractPass(header);
    if (opened.kind === 'PERSONS') await this.loadPersons(client, extract, state, onProgress);
    else await this.loadCompanies(client, extract, state, onProgress);
    await client.query(`RESET client_encoding`);
    const window = normalise(header.firstSequenceNo - 1, state.loadedRanges());
    const gaps = await this.tracker.save(m, header.source, opened.window, window);
    const fileId = randomUUID();
    await m.query(
      `INSERT INTO feed_files (file_id, sha256, name, source, kind, records, applied, rejected, next_line, status, finished_at)
       VALUES ($1, $2, $3, $4, 'INITIAL', $5, $6, $7, $8, 'DONE', clock_timestamp())`,
      [fileId, sha256, name, header.source, state.records, state.loaded, state.errorCount, state.endLine],
    );
    for (let i = 0; i < state.errors.length; i += 10_000) {
      const part = state.errors.slice(i, i + 10_000);
      await m.query(
        `INSERT INTO feed_file_errors (file_id, line_no, reason) SELECT $1, * FROM unnest($2::int[], $3::text[])`,
        [fileId, part.map((e) => e.lineNo), part.map((e) => e.reason)],
      );
    }
    await m.query(
      `INSERT INTO initial_publications (source) VALUES ($1)
       ON CONFLICT (source) DO UPDATE SET after_key = '', published = 0, started_at = clock_timestamp(), finished_at = NULL`,
      [header.source],
    );
    return {
      fileId,
      name,
      status: 'LOADED',
      source: header.source,
      partyKind: opened.kind,
      records: state.records,
      persons: state.persons,
      companies: state.companies,
      seNumbers: state.seNumbers,
      pNumbers: state.pNumbers,
      rejected: state.errorCount,
      errors: state.errors.slice(0, 100),
      gaps: gaps.open,
      seconds: (Date.now() - started) / 1000,
    };
  }

  private async assertEmpty(
    m: EntityManager,
    source: string,
    kind: SourceKind,
    received: number,
  ): Promise<void> {
    const table = kind === 'PERSONS' ? 'persons' : 'companies';
    const rows = (await m.query(`SELECT 1 FROM ${table} LIMIT 1`)) as unknown[];
    if (rows.length > 0 || received > 0) {
      throw new SyncError(
        SyncErrorCode.REGISTER_NOT_EMPTY,
        `the initial load is for an empty register: source ${source} has data already (apply changes through the file drop)`,
      );
    }
  }

  private async loadPersons(
    client: PoolClient,
    extract: OpenedExtract,
    s: ExtractPass,
    onProgress?: LoadProgress,
  ): Promise<void> {
    await client.query(`TRUNCATE persons`);
    await client.query(`ALTER TABLE persons DROP CONSTRAINT persons_pkey`);
    const copy = startCopy(
      client,
      `COPY persons (${PERSON_COPY_COLUMNS}) FROM STDIN (FORMAT binary, FREEZE)`,
    );
    const rows = new CopyRowBuffer(FLUSH_BYTES * 2);
    const seen = NumberBitmap.forCpr();
    await abortOnError(copy, () =>
      s.run(
        extract,
        onProgress,
        (e, lineNo) => {
          if (e.type !== 'person.created')
            return s.reject(lineNo, `a ${e.type} record does not belong in an initial extract`);
          if (seen.seen(e.cpr)) return s.reject(lineNo, 'the CPR number is in the extract already');
          encodePerson(rows, e);
          s.accept(e.sequenceNo, 'persons');
        },
        () => (rows.size >= FLUSH_BYTES ? write(copy, rows.take()) : Promise.resolve()),
        (line, lineNo) => {
          const seq = checkPersonLine(line);
          if (seq < 0 || !s.acceptable(seq)) return false;
          if (seen.seenIndex(cprIndexOfLine(line))) {
            s.reject(lineNo, 'the CPR number is in the extract already');
            return true;
          }
          encodePersonLine(rows, line, seq);
          s.accept(seq, 'persons');
          return true;
        },
      ),
    );
    await endCopy(copy, rows.take());
    await client.query(`ALTER TABLE persons ADD CONSTRAINT persons_pkey PRIMARY KEY (cpr)`);
    await client.query(`ANALYZE persons`);
  }

  private async loadCompanies(
    client: PoolClient,
    extract: OpenedExtract,
    s: ExtractPass,
    onProgress?: LoadProgress,
  ): Promise<void> {
    await client.query(`TRUNCATE companies, company_se_numbers, company_p_numbers`);
    await client.query(`ALTER TABLE companies DROP CONSTRAINT companies_pkey`);
    for (const t of ['company_se_numbers', 'company_p_numbers']) {
      await client.query(`ALTER TABLE ${t} DROP CONSTRAINT ${t}_pkey`);
      await client.query(`DROP INDEX ${t}_cvr_idx`);
    }
    const copy = startCopy(
      client,
      `COPY companies (${COMPANY_COPY_COLUMNS}) FROM STDIN (FORMAT binary, FREEZE)`,
    );
    const rows = new CopyRowBuffer(FLUSH_BYTES * 2);
    // SE and P numbers are few; they wait in memory and follow in their own COPY.
    const se = new CopyRowBuffer();
    const p = new CopyRowBuffer();
    const cvrs = NumberBitmap.forEightDigits();
    const seNumbers = NumberBitmap.forEightDigits();
    const pNumbers = new Set<string>();
    await abortOnError(copy, () =>
      s.run(
        extract,
        onProgress,
        (e, lineNo) => {
          switch (e.type) {
            case 'company.created':
              if (cvrs.seen(e.cvr)) return s.reject(lineNo, 'the CVR number is in the extract already');
              encodeCompany(rows, e);
              s.accept(e.sequenceNo, 'companies');
              return;
            case 'company.se-number-added':
              if (seNumbers.seen(e.seNumber))
                return s.reject(lineNo, 'the SE number is in the extract already');
              encodeUnit(se, e);
              return s.accept(e.sequenceNo, 'seNumbers');
            case 'company.p-number-added':
              if (pNumbers.has(e.pNumber)) return s.reject(lineNo, 'the P number is in the extract already');
              pNumbers.add(e.pNumber);
              encodeUnit(p, e);
              return s.accept(e.sequenceNo, 'pNumbers');
            case 'company.status-changed':
            case 'company.name-changed':
            case 'company.address-changed':
            case 'person.created':
            case 'person.address-changed':
            case 'person.protection-changed':
            case 'person.status-changed':
            case 'person.number-changed':
            case 'person.name-changed':
              return s.reject(
                lineNo,
                `a ${e.type} record does not belong in an initial extract of companies`,
              );
            default: {
              const unknown: never = e;
              throw new Error(`unknown event ${JSON.stringify(unknown)}`);
            }
          }
        },
        () => (rows.size >= FLUSH_BYTES ? write(copy, rows.take()) : Promise.resolve()),
      ),
    );
    await endCopy(copy, rows.take());
    const units = [
      ['company_se_numbers', 'se_number', se],
      ['company_p_numbers', 'p_number', p],
    ] as const;
    for (const [table, column, buffer] of units) {
      const c = startCopy(
        client,
        `COPY ${table} (${UNIT_COPY_COLUMNS(column)}) FROM STDIN (FORMAT binary, FREEZE)`,
      );
      await endCopy(c, buffer.take());
    }
    await client.query(`ALTER TABLE companies ADD CONSTRAINT companies_pkey PRIMARY KEY (cvr)`);
    for (const [table, column] of units) {
      await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_pkey PRIMARY KEY (${column})`);
      await client.query(`CREATE INDEX ${table}_cvr_idx ON ${table} (cvr)`);
    }
    await client.query(`ANALYZE companies`);
    await client.query(`ANALYZE company_se_numbers`);
    await client.query(`ANALYZE company_p_numbers`);
  }

  private async duplicate(
    fileId: string,
    name: string,
    source: string,
    started: number,
  ): Promise<InitialLoadReport> {
    const [kind] = (await this.dataSource.query(`SELECT party_kind FROM feed_sources WHERE source = $1`, [
      source,
    ])) as {
      party_kind: SourceKind;
    }[];
    return {
      fileId,
      name,
      status: 'DUPLICATE',
      source,
      partyKind: kind?.party_kind ?? 'PERSONS',
      records: 0,
      persons: 0,
      companies: 0,
      seNumbers: 0,
      pNumbers: 0,
      rejected: 0,
      errors: [],
      gaps: [],
      seconds: (Date.now() - started) / 1000,
    };
  }
}

function startCopy(client: PoolClient, sql: string): Copy {
  const stream = client.query(copyFrom(sql));
  const done = new Promise((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  stream.write(CopyRowBuffer.header());
  return { stream, done };
}

async function write(copy: Copy, chunk: Buffer): Promise<void> {
  if (!copy.stream.write(chunk)) await Promise.race([once(copy.stream, 'drain'), copy.done]);
}

// A COPY left open would block the connection (and its rollback) for good: on any failure it is
// aborted (CopyFail) before the error goes on.
async function abortOnError(copy: Copy, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    copy.stream.destroy(err as Error);
    await copy.done.catch(() => undefined);
    throw err;
  }
}

async function endCopy(copy: Copy, last: Buffer): Promise<void> {
  copy.stream.end(Buffer.concat([last, CopyRowBuffer.trailer()]));
  await copy.done;
}
