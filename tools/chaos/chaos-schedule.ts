import { prng } from '../../bench/messaging/payloads';

// The disruptions of a chaos run, drawn from a seed: the same seed gives the same schedule, so a
// failing run can be replayed (`--seed`).
export type Disruption<S extends string = string> =
  | { readonly atMs: number; readonly kind: 'kill'; readonly service: S; readonly restartAfterMs: number }
  | { readonly atMs: number; readonly kind: 'broker' | 'database'; readonly outageMs: number };

export interface ScheduleOptions<S extends string> {
  readonly seed: number;
  // The disruptions fall within this window from the first bundle on.
  readonly windowMs: number;
  readonly services: readonly S[];
  readonly killsPerService: number;
  readonly broker: boolean;
  readonly database: boolean;
}

export function buildSchedule<S extends string>(o: ScheduleOptions<S>): Disruption<S>[] {
  const random = prng(o.seed);
  const between = (from: number, to: number): number =>
    Math.round(o.windowMs * (from + random() * (to - from)));
  const out: Disruption<S>[] = [];
  for (const service of o.services) {
    // Each service's kills in their own slice of the window, so a service is killed again only
    // after it had the chance to come back.
    for (let k = 0; k < o.killsPerService; k++) {
      const slice = 0.85 / o.killsPerService;
      out.push({
        atMs: between(0.05 + k * slice, 0.05 + (k + 1) * slice),
        kind: 'kill',
        service,
        restartAfterMs: 300 + Math.round(random() * 2700),
      });
    }
  }
  // The broker and the database go away in different parts of the window, for a few seconds.
  if (o.broker)
    out.push({ atMs: between(0.25, 0.45), kind: 'broker', outageMs: 3000 + Math.round(random() * 5000) });
  if (o.database)
    out.push({ atMs: between(0.55, 0.75), kind: 'database', outageMs: 3000 + Math.round(random() * 5000) });
  return out.sort((a, b) => a.atMs - b.atMs);
}

export function describeDisruption(d: Disruption): string {
  const at = `t+${(d.atMs / 1000).toFixed(1)}s`;
  return d.kind === 'kill'
    ? `${at} SIGKILL ${d.service}, restart after ${(d.restartAfterMs / 1000).toFixed(1)}s`
    : `${at} ${d.kind} outage (${(d.outageMs / 1000).toFixed(1)}s when simulated by a proxy cut)`;
}
