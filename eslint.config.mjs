// Lint is part of `npm test` and warnings fail it (--max-warnings=0). Type-aware rules catch
// unawaited promises and non-exhaustive switches; @nx/enforce-module-boundaries keeps services
// from importing each other (proved by tools/eslint/module-boundaries.spec.ts).
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
          'type:domain',
          'type:data-access',
          'type:feature',
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

export default tseslint.config(
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
    rules: {
      '@nx/enforce-module-boundaries': ['error', boundaries(false)],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
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
    // Integration tests, scripts, benchmarks and test fixtures may print and reach into anything shared.
    files: ['tools/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/integration/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': ['error', boundaries(true)],
    },
  },
  prettier,
);
