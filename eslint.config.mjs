// Lint: typescript-eslint with type information for the promise rules (a floating promise
// in an HA daemon is a silently lost failure); no import cycles; dependencies that point one
// way (DESIGN.md); a ban on importing another package's files, src/ or dist/, instead of the
// package; and test helpers (src/testing/) kept out of what packages run.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Import the package, never its files: no subpath of a workspace package, nothing from a dist/. */
const DEEP_IMPORTS = {
  group: ['@vipd/*/*', '**/dist', '**/dist/**', '**/packages/*/src/**', '**/services/*/src/**'],
  message: 'import the package, not its files (src/ or dist/)',
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
    plugins: { 'import-x': importX },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      'import-x/extensions': ['.ts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Cycles are looked for within each package's sources: another package is reached through
      // its build (dist/), and packages cannot import each other in a circle (tsc --build refuses
      // circular project references; no-restricted-paths below keeps the direction).
      'import-x/ignore': ['/dist/', '/node_modules/'],
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
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './packages', from: './services', message: 'packages never import services' },
            {
              target: ['./packages/netif', './packages/announce'],
              from: './packages/store',
              message: 'netif and announce never import store',
            },
          ],
        },
      ],
      'no-restricted-imports': ['error', { patterns: [DEEP_IMPORTS, TEST_HELPERS] }],
    },
  },
  {
    files: ['**/*.test.ts', '**/testing/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DEEP_IMPORTS] }] },
  },
);
