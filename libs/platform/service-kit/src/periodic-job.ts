import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

// A job that runs every `intervalMs` in the background, one run at a time; shutdown waits for the
// run in progress. A failed run is logged and the next one runs as planned.
export abstract class PeriodicJob implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly name: string;
  protected readonly logger = new Logger(this.constructor.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  protected constructor(private readonly intervalMs: number) {}

  protected abstract runOnce(): Promise<void>;

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  // Runs the job now (e.g. after new work arrived) unless a run is already in progress.
  trigger(): void {
    if (this.running || this.stopped) return;
    clearTimeout(this.timer);
    this.schedule(0);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((err: unknown) => this.logger.error({ err: (err as Error).message }, `${this.name} failed`))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.intervalMs);
        });
    }, ms);
    this.timer.unref();
  }
}
