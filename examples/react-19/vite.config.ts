import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

/**
 * Inside this repository the example resolves `silent-refresh` to the package's source (no build step); an app
 * outside it installs the package and gets `dist/` through its `exports` — the same public names either way.
 */
const packageSource = fileURLToPath(new URL('../../packages/silent-refresh/src/', import.meta.url))
/** Testing Library's ES module build: bundled by Vite, its `react-dom` imports meet the dedupe below (its CommonJS
 * `main`, left to Node, would `require` the root's React 18). */
const testingLibrary = join(dirname(createRequire(import.meta.url).resolve('@testing-library/react/package.json')), 'dist/@testing-library/react.esm.js')
const fromSource = process.env.SILENT_REFRESH_FROM !== 'dist'
const aliases = fromSource
  ? [
      { find: /^silent-refresh$/, replacement: `${packageSource}core/index.ts` },
      { find: /^silent-refresh\/(react|testing|boot)$/, replacement: `${packageSource}$1/index.ts` },
    ]
  : []

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: [...aliases, { find: /^@testing-library\/react$/, replacement: testingLibrary }],
    // One React per run, this example's 19: npm installs it under examples/react-19/node_modules while the
    // repository's root app stays on 18.3 in the root node_modules. Deduped, every `react` and `react-dom` import
    // that Vite resolves comes from this folder, whoever makes it (the package's binding, Testing Library).
    // An app outside this repository has one React anyway and needs none of this.
    dedupe: ['react', 'react-dom'],
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./test/setup.ts'],
    include: ['test/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    server: { deps: { inline: [/@testing-library\/react/] } },
  },
})
