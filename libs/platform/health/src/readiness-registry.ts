import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { ReadinessCheck, ReadinessReport, ReadinessResult } from './readiness-check';

export const READINESS_CHECK_TIMEOUT_MS = Symbol('READINESS_CHECK_TIMEOUT_MS');
const DEFAULT_TIMEOUT_MS = 2_000;

// Parts of a service register what "ready" means for them; the health endpoint runs them all,
// concurrently, each bounded by the timeout. A check that throws or hangs counts as down: a
// probe must answer even when the database does not.
@Injectable()
export class ReadinessRegistry implements OnModuleDestroy {
  private readonly checks = new Map<string, ReadinessCheck>();
  private shuttingDown = false;

  constructor(
    @Optional() @Inject(READINESS_CHECK_TIMEOUT_MS) private readonly timeoutMs: number = DEFAULT_TIMEOUT_MS,
  ) {}

  register(check: ReadinessCheck): void {
    // Two parts claiming one name would hide one of them from the report.
    if (this.checks.has(check.name)) throw new Error(`readiness check "${check.name}" is already registered`);
    this.checks.set(check.name, check);
  }

  async runAll(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks.values()].map(async (c) => [c.name, await this.runOne(c)] as const),
    );
    if (this.shuttingDown) entries.push(['shutdown', { up: false, details: { reason: 'shutting down' } }]);
    return { ready: entries.every(([, r]) => r.up), checks: Object.fromEntries(entries) };
  }

  // From the first shutdown hook on, the service reports not ready, so traffic drains away while
  // consumers finish their in-flight work.
  onModuleDestroy(): void {
    this.shuttingDown = true;
  }

  private async runOne(check: ReadinessCheck): Promise<ReadinessResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ReadinessResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ up: false, details: { reason: `no answer within ${this.timeoutMs} ms` } }),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([check.check(), timeout]);
    } catch (err) {
      return { up: false, details: { reason: err instanceof Error ? err.message : String(err) } };
    } finally {
      clearTimeout(timer);
    }
  }
}
