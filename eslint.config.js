import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import globals from 'globals'
import importX, { createNodeResolver } from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/** The app's layers, each importing only the ones below it: app → features → lib → state → the `silent-refresh` package. */
const features = readdirSync('src/features', { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name)
const layerZones = [
  // A feature is on its own: what two features share goes down to lib (bulletproof-react's rule).
  ...features.map((feature) => ({
    target: `./src/features/${feature}`,
    from: './src/features',
    except: [`./${feature}`],
    message: 'A feature imports no other feature: move what they share to src/lib.',
  })),
  { target: './src/features', from: './src/app', message: 'Features never import the app shell.' },
  { target: './src/lib', from: ['./src/features', './src/app'], message: 'lib sits below features and the app.' },
  { target: './src/state', from: ['./src/lib', './src/features', './src/app'], message: 'state sits below lib, features and the app.' },
  // The entry files (main.ts, which loads render-app.tsx) sit on top: nothing below imports them.
  {
    target: ['./src/app', './src/features', './src/lib', './src/state', './src/i18n'],
    from: ['./src/main.ts', './src/render-app.tsx'],
    message: 'main.ts and render-app.tsx are the entry: nothing imports them.',
  },
  // The app is the package's first user: it imports it by its public names only.
  // The package's name resolves to its built dist/ (or to nothing before a build); a path into its source is a deep import.
  { target: './src', from: './packages/silent-refresh/src', message: "Import the library by its public names ('silent-refresh', 'silent-refresh/react', …), never a file inside packages/." },
]
/** The library stands alone (its own tests still borrow the app's mock until the testing kit carries it). */
const packageZone = { target: './packages', from: ['./src', './mocks', './tests'], message: 'The silent-refresh package imports nothing from the app, its mock or its tests.' }
/** The mock is a dev and test tool: the app imports only its types, and main.ts its dev-only worker. */
const mockZone = { target: './src', from: './mocks', except: ['./types.ts'], message: 'The app never imports the mock (only main.ts starts it in dev, and tests use it).' }
const testsZone = { target: './src', from: './tests', message: 'Test helpers (tests/support) are for test files only.' }
/** The message catalogues sit below lib, features and the app (their own test reads the features' catalogues). */
const i18nZone = { target: './src/i18n', from: ['./src/app', './src/features', './src/lib', './src/state'], message: 'i18n sits below the app, features, lib and state.' }

const tsFiles = ['**/*.{ts,tsx}']
const testFiles = ['src/**/*.test.{ts,tsx}', 'packages/silent-refresh/src/**/*.test.{ts,tsx}']

export default tseslint.config(
  { ignores: ['**/dist', 'node_modules', 'mocks/public/mockServiceWorker.js', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: tsFiles,
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'packages/silent-refresh/src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...layerZones, i18nZone, packageZone, mockZone, testsZone] }] },
  },
  {
    // Tests drive the app against the mock; main.ts starts the browser mock in dev only.
    files: [...testFiles, 'src/main.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
  },
  {
    // No import circle inside the package (value imports; type-only ones are checked by core/layout.test.ts).
    files: ['packages/silent-refresh/src/**/*.{ts,tsx}'],
    settings: { 'import-x/extensions': ['.ts', '.tsx'], 'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] } },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // Recoil lives in two places so a move to another atom store touches only them: the library's Recoil binding
    // (the session and token mirrored from the client) and the app's state module (its own atoms, its view of the session).
    files: ['src/**/*.{ts,tsx}', 'packages/silent-refresh/src/**/*.{ts,tsx}'],
    ignores: ['src/state/**', 'packages/silent-refresh/src/recoil/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'recoil', message: 'Import Recoil only in src/state/ (the app) or packages/silent-refresh/src/recoil/ (the library\'s binding).' }] }],
    },
  },
  {
    // The silent-refresh core is plain TypeScript: no React, no Recoil, no router (in .ts and .tsx alike).
    files: ['packages/silent-refresh/src/core/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'react-dom/*', 'recoil', 'react-router', 'react-router-dom'], message: 'The auth core stays free of React and its bindings.' },
        ],
      }],
    },
  },
)
