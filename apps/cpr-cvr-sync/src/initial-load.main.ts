// `npm run sync:initial-load -- --file <cpr extract> --file <cvr extract> [--no-publish]`
//
// Loads full extracts into an empty sync schema (binary COPY, one transaction per file), then
// publishes the state downstream through the outbox (sync.person-changed / company-changed,
// kind INITIAL_LOAD, chunks of 1,000). Uses the service's configuration (NK_DB_URL,
// NK_DB_SCHEMA); the running service's relay sends what is written to the outbox, and its
// periodic job finishes a publication this command did not (--no-publish, or interrupted).
// Progress on stderr; the last line on stdout is JSON.
import { formatCount, ProgressBar } from '@nemkonto/cpr-cvr-sync-feed-format';
import {
  CompanyStore,
  InitialLoadReport,
  InitialLoadUseCase,
  PublishInitialStateUseCase,
  SequenceTracker,
} from '@nemkonto/cpr-cvr-sync-sync';
import { loadConfigOrExit } from '@nemkonto/platform-config';
import { Outbox } from '@nemkonto/platform-messaging';
import { createServiceDataSource, migrateServiceSchema } from '@nemkonto/platform-persistence';
import { serviceConfigSchema } from '@nemkonto/platform-service-kit';
import { Logger } from '@nestjs/common';
import { statSync } from 'node:fs';
import { serviceDefinition } from './service.definition';

const say = (line: string): boolean => process.stderr.write(`${line}\n`);

function argsOf(argv: readonly string[]): { files: string[]; publish: boolean } {
  const files: string[] = [];
  let publish = true;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--file' && argv[i + 1]) files.push(argv[++i] as string);
    else if (argv[i] === '--no-publish') publish = false;
    else
      throw new Error(
        `unknown argument ${argv[i]}; usage: --file <extract> [--file <extract>] [--no-publish]`,
      );
  }
  if (files.length === 0) throw new Error('usage: --file <extract> [--file <extract>] [--no-publish]');
  return { files, publish };
}

async function main(): Promise<void> {
  const { files, publish } = argsOf(process.argv.slice(2));
  Logger.overrideLogger(['error', 'warn']);
  const config = loadConfigOrExit(serviceConfigSchema(serviceDefinition), 'sync:initial-load');
  const ds = createServiceDataSource({
    url: config.NK_DB_URL,
    schema: config.NK_DB_SCHEMA,
    applicationName: 'sync:initial-load',
    poolSize: 2,
    migrations: serviceDefinition.migrations,
  });
  await ds.initialize();
  try {
    await migrateServiceSchema(ds);
    const load = new InitialLoadUseCase(ds, new SequenceTracker());
    const reports: InitialLoadReport[] = [];
    const loadStarted = Date.now();
    for (const file of files) {
      const size = statSync(file).size;
      const bar = new ProgressBar(`load ${file.split('/').at(-1)?.slice(0, 13) ?? ''}`, size, 'B');
      const report = await load.execute(file, (bytes) => bar.update(Math.min(bytes, size)));
      bar.finish(size);
      reports.push(report);
      say(
        `${report.name}: ${report.status === 'DUPLICATE' ? 'loaded before (same SHA-256), nothing done' : 'loaded'}; ` +
          `source ${report.source}, ${formatCount(report.records)} records: ${formatCount(report.persons)} persons, ` +
          `${formatCount(report.companies)} companies, ${formatCount(report.seNumbers)} SE and ${formatCount(report.pNumbers)} P numbers; ` +
          `${formatCount(report.rejected)} rejected, ${report.gaps.length} sequence gaps; ${report.seconds.toFixed(1)} s`,
      );
      for (const e of report.errors.slice(0, 10)) say(`  line ${e.lineNo}: ${e.reason}`);
    }
    const loadSeconds = (Date.now() - loadStarted) / 1000;

    let publishSeconds: number | null = null;
    if (publish) {
      const publication = new PublishInitialStateUseCase(
        ds,
        new Outbox(serviceDefinition.name),
        new CompanyStore(),
      );
      const publishStarted = Date.now();
      for (const source of await publication.pending()) {
        const total = await publication.total(source);
        const bar = new ProgressBar(`publish ${source}`, total, '');
        for (;;) {
          const p = await publication.runBatch(source);
          bar.update(p.published);
          if (p.finished) {
            bar.finish(p.published);
            break;
          }
        }
      }
      publishSeconds = (Date.now() - publishStarted) / 1000;
      say(`states written to the outbox in ${publishSeconds.toFixed(1)} s (the service's relay sends them)`);
    }
    const sum = (f: (r: InitialLoadReport) => number): number => reports.reduce((n, r) => n + f(r), 0);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'sync-initial-load',
        persons: sum((r) => r.persons),
        companies: sum((r) => r.companies),
        seNumbers: sum((r) => r.seNumbers),
        pNumbers: sum((r) => r.pNumbers),
        rejected: sum((r) => r.rejected),
        loadSeconds,
        publishSeconds,
      })}\n`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  say(`sync:initial-load failed: ${(err as Error).message}`);
  process.exit(1);
});
