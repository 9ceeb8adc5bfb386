import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// `npm run mock:server` port; dev and preview proxy /api and /__mock there when MOCK_SERVER is set.
const mockServer = process.env.MOCK_SERVER
const proxy = mockServer
  ? { '/api': { target: mockServer }, '/__mock': { target: mockServer } }
  : undefined

export default defineConfig(({ command }) => ({
  plugins: [react()],
  // MSW's worker script is served by the dev server only: a production build ships no mock code.
  publicDir: command === 'serve' ? 'mocks/public' : false,
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
