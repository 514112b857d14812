// Lint: typescript-eslint with type information for the promise rules (a floating promise
// in an HA daemon is a silently lost failure), a ban on deep imports into another
// package's src/ or dist/, and test helpers (src/testing/) kept out of what packages run.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import the package, never its files. */
const DEEP_IMPORTS = {
  group: ['@vipd/*/src/*', '@vipd/*/dist/*'],
  message: 'import the package, not its files',
};
/** Helpers that only tests use; the package's own code must not depend on them. */
const TEST_HELPERS = {
  group: ['./testing', './testing/*', '../testing', '../testing/*'],
  message: 'src/testing/ is for tests (*.test.ts) only',
};

export default tseslint.config(
  {
    // generated/ is written by proto-loader-gen-types and never edited by hand.
    ignores: [
      '**/dist/**',
      '**/build/**',
      '**/node_modules/**',
      '**/generated/**',
      '**/*.mjs',
      '**/*.js',
      '**/bin/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'it', 'test', 'suite', 'before', 'after'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [DEEP_IMPORTS, TEST_HELPERS] }],
    },
  },
  {
    files: ['**/*.test.ts', '**/testing/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DEEP_IMPORTS] }] },
  },
);
