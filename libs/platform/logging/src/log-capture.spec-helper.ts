import { Writable } from 'node:stream';

export type LogLine = Record<string, unknown>;

// A pino destination that keeps every JSON line, for specs. `waitFor` resolves as soon as a
// matching line is written (no polling, no sleeps); Jest's timeout bounds it.
export class LogCapture extends Writable {
  private readonly chunks: string[] = [];
  private readonly waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];

  constructor() {
    super({
      write: (chunk: Buffer, _encoding, done) => {
        this.chunks.push(chunk.toString());
        for (const line of chunk.toString().split('\n')) {
          if (line.trim()) this.notify(JSON.parse(line) as LogLine);
        }
        done();
      },
    });
  }

  raw(): string {
    return this.chunks.join('');
  }

  lines(): LogLine[] {
    return this.raw()
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as LogLine);
  }

  waitFor(match: (line: LogLine) => boolean): Promise<LogLine> {
    const found = this.lines().find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  private notify(line: LogLine): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(line)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  }
}
