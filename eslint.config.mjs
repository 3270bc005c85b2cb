// ESLint for the whole tree: typescript-eslint's type-aware recommended rules, React's hooks
// rules for the components, and Next's rules for the app. Generated and fetched code is
// left out; formatting is Prettier's job (npm run format:check), not ESLint's.
import js from '@eslint/js';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.next/',
      'dist/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'e2e/artifacts/',
      'next-env.d.ts',
      'test/corpus/',
      'lib/fdo/tables/atom-data.generated.ts',
      'bench/.callgrind/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring to drop a field, callback arity)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // tests read answers of many shapes (JSON bodies, rendered manifests) as `any` on purpose
    files: ['test/**/*.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.cjs', 'bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}', 'lib/ui/**/*.ts', 'lib/editor/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, '@next/next': nextPlugin },
    rules: { ...reactHooks.configs.recommended.rules, ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs['core-web-vitals'].rules },
  },
);
