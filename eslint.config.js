import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'mocks/public/mockServiceWorker.js', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Recoil lives in exactly one module so a move to another atom store touches one place.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/state/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'recoil', message: 'Import Recoil only in src/state/.' }] }],
    },
  },
  {
    // The silent-refresh core is plain TypeScript: no React, no Recoil, no router, no features.
    files: ['src/auth/**/*.ts'],
    // Tests drive the core against the project's mock backend; the core itself never imports it.
    ignores: ['src/auth/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'react-dom/*', 'recoil', 'react-router', 'react-router-dom'], message: 'The auth core stays free of React and its bindings.' },
          { group: ['../*', '!../auth/*'], message: 'The auth core imports nothing from the rest of the app.' },
        ],
      }],
    },
  },
)
