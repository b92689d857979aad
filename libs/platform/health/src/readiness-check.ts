export interface ReadinessResult {
  readonly up: boolean;
  // Shown to operators on /health/ready: counts, lags, reasons. No personal data, no secrets.
  readonly details?: Record<string, unknown>;
}

// What "ready" means for one part of a service (database, outbox relay, consumers). Registered
// with the ReadinessRegistry by whoever owns that part.
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<ReadinessResult>;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, ReadinessResult>;
}
