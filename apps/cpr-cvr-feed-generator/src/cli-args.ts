// `--name value` and `--flag` arguments; repeated names collect every value.
export class CliArgs {
  private readonly values = new Map<string, string[]>();
  readonly positional: string[] = [];

  constructor(argv: readonly string[]) {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i] as string;
      if (!a.startsWith('--')) {
        this.positional.push(a);
        continue;
      }
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const next = argv[i + 1];
      const value = inline ?? (next !== undefined && !next.startsWith('--') ? (i++, next) : 'true');
      this.values.set(name, [...(this.values.get(name) ?? []), value]);
    }
  }

  string(name: string, fallback?: string): string {
    const v = this.values.get(name)?.at(-1) ?? fallback;
    if (v === undefined) throw new Error(`--${name} is required`);
    return v;
  }

  all(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  int(name: string, fallback?: number): number {
    const v = this.values.get(name)?.at(-1);
    if (v === undefined) {
      if (fallback === undefined) throw new Error(`--${name} is required`);
      return fallback;
    }
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
    return n;
  }

  flag(name: string): boolean {
    return this.values.get(name)?.at(-1) === 'true';
  }
}
