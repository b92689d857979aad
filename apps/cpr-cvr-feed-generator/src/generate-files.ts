import { FeedEvent, ProgressBar } from '@nemkonto/cpr-cvr-sync-feed-format';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateChangeStream } from './change-stream';
import { NumberSeries } from './cvr-numbers';
import { FeedBase } from './feed-base';
import { FeedFileWriter } from './feed-file-writer';
import { generateCompanies, generatePersons } from './population';
import { Rng } from './rng';

export interface InitialExtractOptions {
  readonly outDir: string;
  readonly persons: number;
  readonly companies: number;
  readonly seed: number;
  readonly today: string;
  readonly progress?: boolean;
}

export interface WrittenFile {
  readonly path: string;
  readonly source: string;
  readonly records: number;
  readonly firstSequenceNo: number;
  readonly lastSequenceNo: number;
}

const stamp = (today: string): string => `${today}T05:00:00`;

// The initial extracts: one file per source (CPR persons, CVR companies with their P and SE
// numbers), every party's full state, sequence numbers from 1.
export function writeInitialExtract(o: InitialExtractOptions): WrittenFile[] {
  mkdirSync(o.outDir, { recursive: true });
  const rng = new Rng(o.seed);
  const cprPath = join(o.outDir, `cpr-initial-${o.today}.txt`);
  const cpr = new FeedFileWriter(cprPath, { source: 'CPR', kind: 'INITIAL', createdAt: stamp(o.today) });
  const bar = o.progress ? new ProgressBar('persons', o.persons) : null;
  generatePersons(rng, { count: o.persons, today: o.today }, (p) => {
    cpr.add(p);
    if (cpr.records % 50_000 === 0) bar?.update(cpr.records);
  });
  bar?.finish(cpr.records);
  const cprWritten = cpr.close();

  const cvrPath = join(o.outDir, `cvr-initial-${o.today}.txt`);
  const cvr = new FeedFileWriter(cvrPath, { source: 'CVR', kind: 'INITIAL', createdAt: stamp(o.today) });
  const cbar = o.progress ? new ProgressBar('companies', o.companies) : null;
  let companies = 0;
  generateCompanies(rng, { count: o.companies, today: o.today }, new NumberSeries(rng, o.companies), (e) => {
    cvr.add(e);
    if (e.type === 'company.created' && ++companies % 20_000 === 0) cbar?.update(companies);
  });
  cbar?.finish(companies);
  const cvrWritten = cvr.close();
  return [
    { path: cprPath, source: 'CPR', ...cprWritten },
    { path: cvrPath, source: 'CVR', ...cvrWritten },
  ];
}

export interface ChangeFilesOptions {
  readonly basePaths: readonly string[];
  readonly events: number;
  readonly seed: number;
  readonly today: string;
}

export interface GeneratedChanges {
  readonly persons: FeedEvent[];
  readonly companies: FeedEvent[];
}

export async function generateChanges(o: ChangeFilesOptions): Promise<GeneratedChanges> {
  const base = await FeedBase.read(o.basePaths);
  return generateChangeStream(new Rng(o.seed), base, { events: o.events, today: o.today });
}

// The day's change files (file drop): one per source.
export function writeChangeFiles(outDir: string, today: string, changes: GeneratedChanges): WrittenFile[] {
  mkdirSync(outDir, { recursive: true });
  const out: WrittenFile[] = [];
  for (const [source, events] of [
    ['CPR', changes.persons],
    ['CVR', changes.companies],
  ] as const) {
    const path = join(outDir, `${source.toLowerCase()}-changes-${today}.txt`);
    const w = new FeedFileWriter(path, { source, kind: 'CHANGE', createdAt: stamp(today) });
    for (const e of events) w.add(e);
    out.push({ path, source, ...w.close() });
  }
  return out;
}
