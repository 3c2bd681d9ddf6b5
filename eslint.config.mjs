// ESLint with type information (typescript-eslint), run by `npm run lint`. Formatting is Prettier's
// job, module layering is dependency-cruiser's (.dependency-cruiser.cjs): this file holds the rules
// that need to read the code itself.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Test helpers in libs/testing read API replies as the tests do, untyped JSON.
const TESTS = ['test/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts', 'libs/testing/src/**/*.ts'];

/**
 * Only the write layer calls `handle`: every entry point sends a command on the bus, and its handler
 * in libs/commands calls `handle`. The event store defines it, and tests and test helpers drive
 * deciders through it directly.
 */
const WRITE_LAYER = ['libs/commands/**', 'libs/event-store/**', 'libs/testing/**', ...TESTS];

// Node's globals for the few plain JavaScript files (configs, bench helpers).
const NODE_GLOBALS = Object.fromEntries(
  ['console', 'process', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].map((name) => [name, 'readonly']),
);
const COMMONJS_GLOBALS = Object.fromEntries(['require', 'module', 'exports', '__dirname', '__filename'].map((name) => [name, 'readonly']));

export default defineConfig(
  globalIgnores(['dist/', 'data/', 'coverage/', 'bench/emmett-*/', 'bench/results/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A default branch does not count: a new event, command or stage must be placed in every
      // switch over its union, even if only among the cases that ignore it.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A DomainError is the coded refusal deciders return (not an Error, so specs compare it by
      // value); the history queries throw it for a bad date range, and callers map its code.
      '@typescript-eslint/only-throw-error': [
        'error',
        { allow: [{ from: 'file', name: 'DomainError', path: 'libs/domain/src/domain-error.ts' }] },
      ],
      // An adapter of an async port (the SQLite store on a synchronous driver, the outbox mailer) is
      // `async` without awaiting anything so that what it throws reaches the caller as a rejection.
      '@typescript-eslint/require-await': 'off',
      // `_` names a parameter or element kept for its position; a rest sibling omits fields on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests read HTTP and JSON bodies, typed `any` by supertest and JSON.parse, and check them with
    // `expect`: typing every body would add casts, not safety. Production code keeps these rules.
    files: TESTS,
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    ignores: WRITE_LAYER,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // the library by its alias, its index or the file itself by a relative path
              regex: '^(@actionplans/event-store|(\\.\\./)+(libs/)?event-store/src(/index|/handle)?)$',
              importNames: ['handle'],
              message: 'Only the write layer (libs/commands) calls handle: send a command on the CommandBus instead.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: NODE_GLOBALS },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs', globals: { ...NODE_GLOBALS, ...COMMONJS_GLOBALS } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
