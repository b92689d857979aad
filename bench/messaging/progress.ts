import { appendFileSync } from 'node:fs';

// Every phase's progress over time, written at exit to NK_BENCH_SERIES_FILE (one JSON line per
// phase) when that is set: `npm run bench` draws throughput over time from it.
const phases: PhaseProgress[] = [];
let hooked = false;

function writeSeries(): void {
  const file = process.env['NK_BENCH_SERIES_FILE'];
  if (!file) return;
  for (const p of phases) appendFileSync(file, `${JSON.stringify(p.series())}\n`);
}

// One line on stderr per 10% of a phase, so a long run shows it is moving.
export class PhaseProgress {
  private step = 0;
  private readonly samples: [number, number][] = [[0, 0]];

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly startedAt: number,
    private readonly unit = 'messages',
  ) {
    process.stderr.write(`  ${label}: started\n`);
    phases.push(this);
    if (!hooked) {
      hooked = true;
      process.once('exit', writeSeries);
    }
  }

  update(done: number, detail = ''): void {
    const last = this.samples.at(-1);
    if (last && last[1] !== done) this.samples.push([Date.now() - this.startedAt, done]);
    const step = Math.floor((done / this.total) * 10);
    if (step <= this.step) return;
    this.step = step;
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1).padStart(6);
    const pct = String(Math.floor((done / this.total) * 100)).padStart(3);
    process.stderr.write(
      `  ${this.label}: ${pct}% ${seconds} s  ${done}/${this.total} ${this.unit}${detail}\n`,
    );
  }

  // Cumulative progress: [milliseconds since the start, units done].
  series(): { label: string; unit: string; total: number; samples: [number, number][] } {
    return { label: this.label, unit: this.unit, total: this.total, samples: this.samples };
  }
}
