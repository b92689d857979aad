// HTTP load with autocannon: single lookups (one random party per request) and batch lookups
// (a body of N random parties), against the service or the baseline. CPR numbers travel in
// bodies only.
import autocannon from 'autocannon';
import { SampledParty } from './register-generator';

export interface LoadFigures {
  readonly requests: number;
  readonly lookups: number;
  readonly seconds: number;
  readonly requestsPerSec: number;
  readonly lookupsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly non2xx: number;
  readonly errors: number;
}

export interface LoadTarget {
  readonly url: string;
  readonly token: string;
}

const partyBody = (p: SampledParty): string => `{"party":{"kind":"${p.kind}","value":"${p.value}"}}`;

export class LookupBodies {
  private readonly single: string[];
  private readonly batches: string[] = [];

  constructor(sample: readonly SampledParty[], batchSize: number, batchBodies = 48) {
    this.single = sample.map(partyBody);
    for (let b = 0; b < batchBodies; b++) {
      const items: string[] = [];
      for (let i = 0; i < batchSize; i++)
        items.push(this.single[Math.floor(Math.random() * this.single.length)] as string);
      this.batches.push(`{"items":[${items.join(',')}]}`);
    }
  }

  randomSingle(): string {
    return this.single[Math.floor(Math.random() * this.single.length)] as string;
  }

  randomBatch(): string {
    return this.batches[Math.floor(Math.random() * this.batches.length)] as string;
  }

  get batchBytes(): number {
    return Buffer.byteLength(this.batches[0] ?? '');
  }
}

export async function runLoad(
  target: LoadTarget,
  mode: { kind: 'single' } | { kind: 'batch'; size: number },
  bodies: LookupBodies,
  connections: number,
  seconds: number,
): Promise<LoadFigures> {
  const path = mode.kind === 'single' ? '/lookups' : '/lookups/batch';
  const next = mode.kind === 'single' ? () => bodies.randomSingle() : () => bodies.randomBatch();
  const result = await autocannon({
    url: `${target.url}${path}`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: next() }) }],
  });
  const ok = result['2xx'];
  const elapsed = result.duration;
  const perRequest = mode.kind === 'single' ? 1 : mode.size;
  return {
    requests: ok,
    lookups: ok * perRequest,
    seconds: elapsed,
    requestsPerSec: ok / elapsed,
    lookupsPerSec: (ok * perRequest) / elapsed,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
