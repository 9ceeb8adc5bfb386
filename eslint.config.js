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
  // The app is the package's first user: it imports it by its public names only.
  { target: './src', from: './packages', message: "Import the library by its public names ('silent-refresh', 'silent-refresh/react', …), never a file inside packages/." },
]
/** The library stands alone (its own tests still borrow the app's mock until the testing kit carries it). */
const packageZone = { target: './packages', from: ['./src', './mocks', './tests'], message: 'The silent-refresh package imports nothing from the app, its mock or its tests.' }
/** The mock is a dev and test tool: the app imports only its types, and main.ts its dev-only worker. */
const mockZone = { target: './src', from: './mocks', except: ['./types.ts'], message: 'The app never imports the mock (only main.ts starts it in dev, and tests use it).' }
const testsZone = { target: './src', from: './tests', message: 'Test helpers (tests/support) are for test files only.' }

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
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...layerZones, packageZone, mockZone, testsZone] }] },
  },
  {
    // Tests drive the app against the mock; main.ts starts the browser mock in dev only.
    files: [...testFiles, 'src/main.ts'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
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
