// One line on stderr per 10% of a phase, so a long run shows it is moving.
export class PhaseProgress {
  private step = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly startedAt: number,
    private readonly unit = 'messages',
  ) {
    process.stderr.write(`  ${label}: started\n`);
  }

  update(done: number, detail = ''): void {
    const step = Math.floor((done / this.total) * 10);
    if (step <= this.step) return;
    this.step = step;
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1).padStart(6);
    const pct = String(Math.floor((done / this.total) * 100)).padStart(3);
    process.stderr.write(
      `  ${this.label}: ${pct}% ${seconds} s  ${done}/${this.total} ${this.unit}${detail}\n`,
    );
  }
}
