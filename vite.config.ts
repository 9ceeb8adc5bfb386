import { readFileSync } from 'node:fs'
import { defineConfig } from 'vitest/config'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'

/** MSW's worker script, served by the dev server only: a production build ships no mock code. */
function mockWorkerInDev(): Plugin {
  return {
    name: 'mock-worker-in-dev',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/mockServiceWorker.js', (_request, response) => {
        response.setHeader('Content-Type', 'text/javascript')
        response.end(readFileSync('mocks/public/mockServiceWorker.js'))
      })
    },
  }
}

// `npm run mock:server` port; dev and preview proxy /api and /__mock there when MOCK_SERVER is set.
const mockServer = process.env.MOCK_SERVER
const proxy = mockServer
  ? { '/api': { target: mockServer }, '/__mock': { target: mockServer } }
  : undefined

export default defineConfig(() => ({
  plugins: [react(), mockWorkerInDev()],
  // The app's static files (the favicon); MSW's worker comes from the plugin above, in dev only.
  publicDir: 'public',
  define: {
    // Mock mode (service worker) unless a real backend is proxied in.
    'import.meta.env.VITE_MOCK_WORKER': JSON.stringify(mockServer ? 'off' : 'on'),
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy },
  test: {
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts', 'tests/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    testTimeout: 20_000,
    reporters: ['default', './scripts/plain-summary-reporter.ts'],
  },
}))
