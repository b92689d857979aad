import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface LintMessage {
  ruleId: string | null;
  message: string;
}
interface LintResult {
  messages: LintMessage[];
}

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..');

// Lints a throw-away file placed inside a real project, so Nx attributes it to that project.
// ESLint runs as its own process with the repository's config, exactly as `npm run lint` does.
async function lintAs(projectDir: string, code: string): Promise<LintResult> {
  const file = join(root, projectDir, `__lint_fixture_${randomBytes(4).toString('hex')}.ts`);
  writeFileSync(file, code);
  try {
    const run = spawnSync(join(root, 'node_modules', '.bin', 'eslint'), ['--format', 'json', file], {
      cwd: root,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(run.stdout) as LintResult[];
    return result!;
  } finally {
    rmSync(file, { force: true });
  }
}

const ruleIds = (r: LintResult): (string | null)[] => r.messages.map((m) => m.ruleId);

describe('lint rules that guard the architecture', () => {
  beforeAll(() => {
    // The boundary rule reads Nx's cached project graph and skips itself without one.
    execFileSync('npx', ['nx', 'show', 'projects'], {
      cwd: root,
      stdio: 'ignore',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
  });

  it("refuses a service importing another service's code", async () => {
    const result = await lintAs(
      'apps/payment-intake/src',
      "import { writePaymul } from '@nemkonto/bank-dispatch-edifact';\nexport const w = writePaymul;\n",
    );
    expect(ruleIds(result)).toContain('@nx/enforce-module-boundaries');
    expect(result.messages.find((m) => m.ruleId === '@nx/enforce-module-boundaries')?.message).toMatch(
      /scope:payment-intake.*can only depend on libs tagged with.*scope:payment-intake.*scope:shared/,
    );
  });

  it('allows a service to use shared libraries', async () => {
    const result = await lintAs(
      'apps/bank-dispatch/src',
      "import { writePaymul } from '@nemkonto/bank-dispatch-edifact';\nimport { Exchanges } from '@nemkonto/contracts';\nexport const w = [writePaymul, Exchanges];\n",
    );
    expect(ruleIds(result)).not.toContain('@nx/enforce-module-boundaries');
    expect(result.messages.filter((m) => /ProjectGraph/.test(m.message))).toEqual([]);
  });

  it('refuses shared libraries depending on a service', async () => {
    const result = await lintAs(
      'libs/domain/src',
      "import { writePaymul } from '@nemkonto/bank-dispatch-edifact';\nexport const w = writePaymul;\n",
    );
    expect(ruleIds(result)).toContain('@nx/enforce-module-boundaries');
  });

  it('reports a switch that misses a case of a union', async () => {
    const result = await lintAs(
      'libs/domain/src',
      "type Answer = 0 | 1 | 2;\nexport function f(a: Answer): string {\n  switch (a) {\n    case 0:\n      return 'zero';\n    case 1:\n      return 'one';\n  }\n  return 'none';\n}\n",
    );
    expect(ruleIds(result)).toContain('@typescript-eslint/switch-exhaustiveness-check');
  });

  it('reports a floating promise', async () => {
    const result = await lintAs(
      'libs/domain/src',
      'async function work(): Promise<void> {}\nexport function f(): void {\n  work();\n}\n',
    );
    expect(ruleIds(result)).toContain('@typescript-eslint/no-floating-promises');
  });
});
