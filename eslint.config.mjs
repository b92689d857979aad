// Lint is part of `npm test` and warnings fail it (--max-warnings=0); every rule here is an error.
// Type-aware rules catch unawaited promises and non-exhaustive switches; @nx/enforce-module-boundaries
// keeps services from importing each other. tools/eslint/module-boundaries.spec.ts proves the rules
// fire, by linting the fixtures in tools/lint-fixtures/ as if they lived inside real projects.
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const services = [
  'account-registry',
  'payment-intake',
  'account-enrichment',
  'bank-dispatch',
  'cpr-cvr-sync',
];

// Scope rules say whose code a project may use, type rules which layer; both must hold.
// Tests (and their fixtures under integration/) may also use the shared test kit.
function boundaries(inTests) {
  const testing = inTests ? ['type:testing'] : [];
  return {
    enforceBuildableLibDependency: false,
    banTransitiveDependencies: true,
    checkNestedExternalImports: true,
    depConstraints: [
      ...services.map((s) => ({
        sourceTag: `scope:${s}`,
        onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:shared'],
      })),
      { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: [
          'type:feature',
          'type:data-access',
          'type:domain',
          'type:contracts',
          'type:platform',
          ...testing,
        ],
      },
      {
        sourceTag: 'type:feature',
        onlyDependOnLibsWithTags: [
          'type:feature',
          'type:data-access',
          'type:domain',
          'type:contracts',
          'type:platform',
          ...testing,
        ],
      },
      {
        sourceTag: 'type:data-access',
        onlyDependOnLibsWithTags: [
          'type:data-access',
          'type:domain',
          'type:contracts',
          'type:platform',
          ...testing,
        ],
      },
      {
        sourceTag: 'type:platform',
        onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:domain', ...testing],
      },
      {
        sourceTag: 'type:contracts',
        onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', ...testing],
      },
      { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', ...testing] },
      {
        sourceTag: 'type:testing',
        onlyDependOnLibsWithTags: ['type:testing', 'type:platform', 'type:contracts', 'type:domain'],
      },
    ],
  };
}

// A library is used through its index (`@nemkonto/<lib>`), never through its files.
const noDeepImports = {
  patterns: [
    {
      regex: '^@nemkonto/[^/]+/.+',
      message: "Import the library's public API (`@nemkonto/<lib>`), not a file inside it.",
    },
  ],
};

// Plugins' presets ship some rules as warnings; here a warning is an error like any other.
const isWarn = (level) => level === 'warn' || level === 1;
const asError = (entry) =>
  Array.isArray(entry)
    ? isWarn(entry[0])
      ? ['error', ...entry.slice(1)]
      : entry
    : isWarn(entry)
      ? 'error'
      : entry;
const warningsAsErrors = (configs) =>
  configs.map((c) =>
    c.rules
      ? { ...c, rules: Object.fromEntries(Object.entries(c.rules).map(([k, v]) => [k, asError(v)])) }
      : c,
  );

export default warningsAsErrors(
  tseslint.config(
    {
      ignores: [
        '**/node_modules/**',
        'dist/**',
        'tmp/**',
        'coverage/**',
        'tools/lint-fixtures/**',
        '**/*.js',
        '**/*.mjs',
      ],
    },
    ...nx.configs['flat/base'],
    ...nx.configs['flat/typescript'],
    {
      files: ['**/*.ts'],
      languageOptions: {
        parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      },
      linterOptions: { reportUnusedDisableDirectives: 'error' },
      rules: {
        '@nx/enforce-module-boundaries': ['error', boundaries(false)],
        'no-restricted-imports': ['error', noDeepImports],
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-misused-promises': 'error',
        // A default branch does not make a switch over a union exhaustive: a new member must fail lint.
        '@typescript-eslint/switch-exhaustiveness-check': [
          'error',
          { considerDefaultExhaustiveForUnions: false },
        ],
        '@typescript-eslint/no-explicit-any': 'error',
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
        'no-console': 'error',
      },
    },
    {
      // Scripts, benchmarks and tests (with their integration fixtures) may print and use the test kit.
      files: ['tools/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/integration/**/*.ts'],
      rules: {
        'no-console': 'off',
        '@typescript-eslint/no-non-null-assertion': 'off',
        '@nx/enforce-module-boundaries': ['error', boundaries(true)],
      },
    },
    prettier,
  ),
);
