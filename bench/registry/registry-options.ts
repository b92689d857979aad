// Knobs of the registry benchmark (`npm run bench:registry -- --persons 200000 …`).
export interface RegistryBenchOptions {
  readonly persons: number;
  readonly companies: number;
  // Seconds of load per measured phase (single and batch, service and baseline).
  readonly seconds: number;
  readonly connections: number;
  // Lookups per batch request. 2,000 CPR items (about 91 kB) fitted Express's default body limit
  // of 100 kB, which the figures in bench/README.md were measured with; service-kit's 4 MiB limit
  // takes the endpoint's 10,000.
  readonly batchSize: number;
  // Batch requests in flight at once.
  readonly batchConnections: number;
  readonly seed: number;
  // A directory for V8 CPU profiles of the service and the baseline (node --cpu-prof).
  readonly profileDir: string | null;
  readonly logLevel: string;
  // Stop after the load and keep the database (for EXPLAIN and profiling by hand; drop it after).
  readonly loadOnly: boolean;
  // Which lookup phases to run (both by default), e.g. only single lookups for a profile.
  readonly phases: ReadonlySet<'single' | 'batch'>;
}

export function parseRegistryBenchOptions(argv: readonly string[]): RegistryBenchOptions {
  const at = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i < 0 ? undefined : argv[i + 1];
  };
  const int = (flag: string, fallback: number, min = 1): number => {
    const raw = at(flag);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`${flag} needs an integer ≥ ${min}`);
    return n;
  };
  const batchSize = int('--batch-size', 2_000);
  if (batchSize > 10_000) throw new Error('--batch-size is at most 10,000 (the endpoint’s limit)');
  return {
    persons: int('--persons', 6_000_000, 1_000),
    companies: int('--companies', 800_000, 100),
    seconds: int('--seconds', 30),
    connections: int('--connections', 32),
    batchSize,
    batchConnections: int('--batch-connections', 4),
    seed: int('--seed', 20261201),
    profileDir: at('--profile') ?? null,
    logLevel: at('--log-level') ?? 'info',
    loadOnly: argv.includes('--load-only'),
    phases: new Set(
      (at('--only') ?? 'single,batch').split(',').map((p) => {
        if (p !== 'single' && p !== 'batch') throw new Error('--only takes single, batch or both');
        return p;
      }),
    ),
  };
}
