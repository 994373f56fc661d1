// Lint: typescript-eslint's type-aware rules (floating promises, unsafe values and casts) on the
// product and its tests (which may handle the simulated tenant's untyped JSON); the recommended
// rules on plain JS. No line over 120 characters. Formatting is Prettier's (npm run format:check).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'artifacts/', 'node_modules/', '**/*.d.mts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Async implementations of promise-returning interfaces need no await of their own.
      '@typescript-eslint/require-await': 'off',
      'max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    files: ['test/**/*.ts', 'vite.config.ts', 'eslint.config.js'],
    rules: {
      // Tests drive browsers and the simulated tenant, whose answers are untyped JSON.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain Node scripts (the simulated tenant, npm start and bench, the browser launcher): the same
    // rules without type information; their page.evaluate callbacks run in the browser.
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node, ...globals.browser, chrome: 'readonly' },
    },
  },
);
