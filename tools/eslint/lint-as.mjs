// Lints source text with the repository's eslint.config.mjs as if it were the file at `filePath`, without
// writing that file: Nx attributes it to the project whose folder holds the path, and typescript-eslint
// type-checks it in the default project. Used by module-boundaries.spec.ts, in its own process because
// Jest cannot import the ESM config.
//   stdin:  [{ "filePath": "apps/x/src/__lint_fixture__.ts", "code": "..." }, ...]
//   stdout: after the RESULTS marker, [{ "filePath", "messages": [{ "ruleId", "severity", "message" }] }]
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS_MARKER = '--- lint-as results ---';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Virtual files must not exist on disk; these globs let the default project type-check them.
const virtualFiles = [
  'apps/*/src/__lint_fixture__*.ts',
  'libs/*/src/__lint_fixture__*.ts',
  'libs/*/*/src/__lint_fixture__*.ts',
  'tools/*/__lint_fixture__*.ts',
];

const cases = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    files: ['**/__lint_fixture__*.ts'],
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: virtualFiles } } },
  },
});

const results = [];
for (const { filePath, code } of cases) {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  results.push({
    filePath,
    messages: result.messages.map(({ ruleId, severity, message }) => ({ ruleId, severity, message })),
  });
}
process.stdout.write(`\n${RESULTS_MARKER}\n${JSON.stringify(results)}\n`);
