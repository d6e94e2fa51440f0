// ESLint 9 flat config: the recommended rules of ESLint and typescript-eslint (syntax only, not
// type-checked: type-aware linting costs minutes on a 2-core machine and `npm run typecheck` already
// runs tsc). Formatting is Prettier's job (`prettier --check` in `npm run lint`).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'reports/', '.rtbench-cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
    rules: {
      // Unused names are errors, except deliberately unused ones (`_x`) and rest siblings.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // Escaping XML and stripping ANSI codes match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  // Scripts that drive a browser pass functions to run in the page.
  { files: ['scripts/**/*.mjs'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
);
