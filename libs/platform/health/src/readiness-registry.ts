import { Injectable } from '@nestjs/common';

export interface ReadinessResult {
  readonly up: boolean;
  readonly details?: Record<string, unknown>;
}

export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<ReadinessResult>;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, ReadinessResult>;
}

// Parts of a service register what "ready" means for them (database, relay, consumers); the
// health endpoint runs them all. A check that throws or hangs counts as down.
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(private readonly timeoutMs = 2_000) {}

  register(check: ReadinessCheck): void {
    this.checks.set(check.name, check);
  }

  async runAll(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks.values()].map(async (c) => [c.name, await this.runOne(c)] as const),
    );
    return { ready: entries.every(([, r]) => r.up), checks: Object.fromEntries(entries) };
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
      return { up: false, details: { reason: (err as Error).message } };
    } finally {
      clearTimeout(timer);
    }
  }
}
