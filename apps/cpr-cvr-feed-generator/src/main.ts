// The CPR/CVR feed generator: realistic registers and daily change streams for demos, tests and
// benchmarks (docs/cpr-cvr-feeds.md).
//
//   initial --persons 6000000 --companies 800000 [--out tmp/feed] [--seed 1] [--today 2026-01-05]
//   changes --base <file> [--base <file> …] [--events 10000] [--out tmp/feed] [--seed 2] [--today …]
//           [--publish [--amqp-url amqp://demo-cpr-cvr-feed:demo-cpr-cvr-feed@127.0.0.1:5672/nemkonto]] [--no-files]
import { formatCount } from '@nemkonto/cpr-cvr-sync-feed-format';
import { CliArgs } from './cli-args';
import { generateChanges, writeChangeFiles, writeInitialExtract } from './generate-files';
import { publishFeedEvents } from './publish-feed';

// A command-line tool: results on stdout (the last line is JSON), progress on stderr.
const say = (line: string): boolean => process.stderr.write(`${line}\n`);
const result = (value: unknown): boolean => process.stdout.write(`${JSON.stringify(value)}\n`);

const DEFAULT_AMQP = 'amqp://demo-cpr-cvr-feed:demo-cpr-cvr-feed@127.0.0.1:5672/nemkonto';

async function main(argv: readonly string[]): Promise<void> {
  const args = new CliArgs(argv);
  const [command] = args.positional;
  const out = args.string('out', 'tmp/feed');
  const today = args.string('today', '2026-01-05');
  const started = Date.now();
  if (command === 'initial') {
    const files = writeInitialExtract({
      outDir: out,
      persons: args.int('persons', 10_000),
      companies: args.int('companies', 1_500),
      seed: args.int('seed', 1),
      today,
      progress: true,
    });
    for (const f of files)
      say(`${f.path}: ${formatCount(f.records)} records, sequence ${f.firstSequenceNo}-${f.lastSequenceNo}`);
    const seconds = (Date.now() - started) / 1000;
    result({ generated: 'initial', files, seconds });
    return;
  }
  if (command === 'changes') {
    const changes = await generateChanges({
      basePaths: args.all('base'),
      events: args.int('events', 10_000),
      seed: args.int('seed', 2),
      today,
    });
    const files = args.flag('no-files') ? [] : writeChangeFiles(out, today, changes);
    for (const f of files)
      say(`${f.path}: ${formatCount(f.records)} records, sequence ${f.firstSequenceNo}-${f.lastSequenceNo}`);
    let published = 0;
    if (args.flag('publish')) {
      const amqpUrl = args.string('amqp-url', DEFAULT_AMQP);
      published += await publishFeedEvents(changes.persons, { amqpUrl, source: 'CPR' });
      published += await publishFeedEvents(changes.companies, { amqpUrl, source: 'CVR' });
      say(`published ${formatCount(published)} JSON events to the feed exchange`);
    }
    result({
      generated: 'changes',
      persons: changes.persons.length,
      companies: changes.companies.length,
      files,
      published,
      seconds: (Date.now() - started) / 1000,
    });
    return;
  }
  throw new Error('usage: main.ts initial|changes [options] (see the header of this file)');
}

main(process.argv.slice(2)).catch((err: unknown) => {
  say((err as Error).message);
  process.exit(1);
});
