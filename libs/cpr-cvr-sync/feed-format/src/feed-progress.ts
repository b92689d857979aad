// A one-line progress bar on stderr for the feed tools (initial load, generator): redrawn at most
// ten times a second, and only on a terminal; elsewhere one line per 10 %.
export class ProgressBar {
  private lastDraw = 0;
  private lastDecile = -1;
  private lastDone = -1;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly unit = '',
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  update(done: number, force = false): void {
    const now = Date.now();
    const fraction = this.total > 0 ? Math.min(1, done / this.total) : 1;
    if (!this.out.isTTY) {
      const decile = Math.floor(fraction * 10);
      if ((decile === this.lastDecile && !force) || done === this.lastDone) return;
      this.lastDecile = decile;
      this.lastDone = done;
      this.out.write(`${this.line(done, fraction, now)}\n`);
      return;
    }
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.out.write(`\r${this.line(done, fraction, now)}\u001b[K`);
  }

  finish(done: number): void {
    this.update(done, true);
    if (this.out.isTTY) this.out.write('\n');
  }

  private line(done: number, fraction: number, now: number): string {
    const width = 30;
    const filled = Math.round(fraction * width);
    const seconds = (now - this.started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 && fraction < 1 ? ` eta ${Math.ceil((this.total - done) / rate)}s` : '';
    return (
      `${this.label.padEnd(18)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
      `${formatCount(done)}/${formatCount(this.total)}${this.unit} ${formatCount(Math.round(rate))}${this.unit}/s ${seconds.toFixed(1)}s${eta}`
    );
  }
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
