import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Proves that the lint rules guarding the architecture fire (and do not fire on allowed code): each
// fixture in tools/lint-fixtures/ is linted with the repository's config as if it were a file inside a
// real project, via tools/eslint/lint-as.mjs. Removing or weakening a rule fails this spec.

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
}
interface LintCase {
  fixture: string;
  lintAs: string;
}

jest.setTimeout(180_000);

const root = join(__dirname, '..', '..');
const RESULTS_MARKER = '--- lint-as results ---';
const BOUNDARIES = '@nx/enforce-module-boundaries';

const cases = {
  crossService: { fixture: 'cross-service-import.ts', lintAs: 'apps/payment-intake/src' },
  crossServiceRelative: { fixture: 'cross-service-relative-import.ts', lintAs: 'apps/payment-intake/src' },
  sharedImportsService: { fixture: 'shared-imports-service.ts', lintAs: 'libs/domain/src' },
  domainImportsPlatform: { fixture: 'domain-imports-platform.ts', lintAs: 'libs/domain/src' },
  serviceLibImportsOtherService: {
    fixture: 'cross-service-import.ts',
    lintAs: 'libs/account-enrichment/completion/src',
  },
  deepImport: { fixture: 'deep-import.ts', lintAs: 'apps/payment-intake/src' },
  testingInProduction: { fixture: 'testing-in-production-code.ts', lintAs: 'apps/payment-intake/src' },
  testingInSpec: { fixture: 'testing-in-production-code.ts', lintAs: 'apps/payment-intake/src:spec' },
  allowed: { fixture: 'allowed-imports.ts', lintAs: 'apps/payment-intake/src' },
  missedCase: { fixture: 'missed-switch-case.ts', lintAs: 'libs/domain/src' },
  exhaustive: { fixture: 'exhaustive-switch.ts', lintAs: 'libs/domain/src' },
  floating: { fixture: 'floating-promise.ts', lintAs: 'libs/domain/src' },
  misused: { fixture: 'misused-promise.ts', lintAs: 'libs/domain/src' },
  consoleInService: { fixture: 'console-and-any.ts', lintAs: 'apps/payment-intake/src' },
  consoleInTools: { fixture: 'console-and-any.ts', lintAs: 'tools/scripts' },
} satisfies Record<string, LintCase>;
type CaseName = keyof typeof cases;

// `dir:spec` lints the fixture as a spec file in dir.
const virtualPath = ({ lintAs }: LintCase): string => {
  const [dir, kind] = lintAs.split(':');
  return `${dir}/__lint_fixture__${kind === 'spec' ? '.spec' : ''}.ts`;
};

let results: Record<CaseName, LintMessage[]>;

const messagesOf = (name: CaseName): LintMessage[] => results[name];
const rulesOf = (name: CaseName): (string | null)[] => messagesOf(name).map((m) => m.ruleId);

beforeAll(() => {
  // The boundary rule reads Nx's cached project graph and skips itself without one.
  execFileSync('npx', ['nx', 'show', 'projects'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  const names = Object.keys(cases) as CaseName[];
  const input = names.map((name) => ({
    filePath: virtualPath(cases[name]),
    code: readFileSync(join(root, 'tools', 'lint-fixtures', cases[name].fixture), 'utf8'),
  }));
  const run = spawnSync(process.execPath, [join(__dirname, 'lint-as.mjs')], {
    cwd: root,
    input: JSON.stringify(input),
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`lint-as.mjs failed (${run.status}):\n${run.stderr}`);
  // Nx prints "No cached ProjectGraph is available. The rule will be skipped." when it has none.
  expect(run.stdout).not.toMatch(/ProjectGraph/);
  const [, json] = run.stdout.split(`${RESULTS_MARKER}\n`);
  const out = JSON.parse(json!) as { filePath: string; messages: LintMessage[] }[];
  results = Object.fromEntries(names.map((name, i) => [name, out[i]!.messages])) as typeof results;
});

describe('module boundaries', () => {
  it("refuses a service importing another service's library", () => {
    const boundary = messagesOf('crossService').find((m) => m.ruleId === BOUNDARIES);
    expect(boundary?.severity).toBe(2);
    expect(boundary?.message).toMatch(
      /"scope:payment-intake" can only depend on libs tagged with "scope:payment-intake", "scope:shared"/,
    );
  });

  it("refuses a service library importing another service's library", () => {
    expect(messagesOf('serviceLibImportsOtherService').find((m) => m.ruleId === BOUNDARIES)?.message).toMatch(
      /"scope:account-enrichment" can only depend on/,
    );
  });

  it("refuses a relative import into another service's app", () => {
    expect(rulesOf('crossServiceRelative')).toContain(BOUNDARIES);
  });

  it('refuses a shared library depending on a service', () => {
    expect(messagesOf('sharedImportsService').find((m) => m.ruleId === BOUNDARIES)?.message).toMatch(
      /"scope:shared" can only depend on libs tagged with "scope:shared"/,
    );
  });

  it('refuses the domain layer depending on platform plumbing', () => {
    expect(messagesOf('domainImportsPlatform').find((m) => m.ruleId === BOUNDARIES)?.message).toMatch(
      /"type:domain" can only depend on libs tagged with "type:domain"/,
    );
  });

  it('refuses deep imports into a library', () => {
    expect(rulesOf('deepImport')).toContain('no-restricted-imports');
  });

  it('allows the test kit in spec files only', () => {
    expect(messagesOf('testingInProduction').find((m) => m.ruleId === BOUNDARIES)?.message).toMatch(
      /"type:app" can only depend on/,
    );
    expect(rulesOf('testingInSpec')).not.toContain(BOUNDARIES);
  });

  it("allows an app its own scope's libraries and shared ones (and the fixture lints clean)", () => {
    expect(rulesOf('allowed')).not.toContain(BOUNDARIES);
    expect(messagesOf('allowed')).toEqual([]);
  });
});

describe('type-aware rules', () => {
  it('reports a switch over a union that misses a case, even with a default branch', () => {
    const missed = messagesOf('missedCase').filter(
      (m) => m.ruleId === '@typescript-eslint/switch-exhaustiveness-check',
    );
    expect(missed).toHaveLength(2);
    expect(missed.every((m) => m.severity === 2)).toBe(true);
    expect(messagesOf('exhaustive')).toEqual([]);
  });

  it('reports a floating promise and an async callback where void is expected', () => {
    expect(rulesOf('floating')).toContain('@typescript-eslint/no-floating-promises');
    expect(rulesOf('misused')).toContain('@typescript-eslint/no-misused-promises');
  });

  it('refuses console in services but not in tools, and `any` everywhere', () => {
    expect(rulesOf('consoleInService')).toEqual(
      expect.arrayContaining(['no-console', '@typescript-eslint/no-explicit-any']),
    );
    expect(rulesOf('consoleInTools')).toEqual(['@typescript-eslint/no-explicit-any']);
  });

  it('reports every finding as an error, never a warning', () => {
    const all = Object.values(results).flat();
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((m) => m.severity !== 2)).toEqual([]);
  });
});
