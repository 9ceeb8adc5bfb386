import { defineConfig } from '@playwright/test'

// Two targets, the same scenarios:
//  - "http": the production build (vite preview) with /api and /__mock proxied to `npm run mock:server`: real HttpOnly cookies.
//  - "mock-mode": the README's run command (vite dev + MSW service worker), as developers use it.
// Ports can be moved (E2E_PORT_OFFSET=100 gives 4100, 4273, 5273) so two checkouts can run the suite at once.
const OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0)
const MOCK_PORT = 4000 + OFFSET
const HTTP_PORT = 4173 + OFFSET
const DEV_PORT = 5173 + OFFSET
const HTTP_APP = `http://localhost:${HTTP_PORT}`
const MOCK_SERVER = `http://localhost:${MOCK_PORT}`
const DEV_APP = `http://localhost:${DEV_PORT}`
const CI = Boolean(process.env.CI)

export default defineConfig({
  testDir: './e2e',
  // The http target has one mock server for every test, so tests run one at a time.
  fullyParallel: false,
  workers: 1,
  // One retry in CI: a 2-core machine under load can starve a browser test; a test that fails twice fails.
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./e2e/support/plain-summary-reporter.ts']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1000, height: 700 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium, never a downloaded browser build.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'http', use: { baseURL: HTTP_APP }, metadata: { target: 'http' } },
    { name: 'mock-mode', use: { baseURL: DEV_APP }, metadata: { target: 'mock-mode' } },
  ],
  webServer: [
    {
      command: 'npm run mock:server',
      url: `${MOCK_SERVER}/__mock/stats`,
      reuseExistingServer: !CI,
      env: { PORT: String(MOCK_PORT) },
      timeout: 60_000,
    },
    {
      // MOCK_SERVER makes vite.config.ts proxy /api and /__mock to the mock server and leave the worker out.
      command: `npx vite build && npx vite preview --port ${HTTP_PORT} --strictPort`,
      url: HTTP_APP,
      reuseExistingServer: !CI,
      env: { MOCK_SERVER },
      timeout: 180_000,
    },
    {
      // No MOCK_SERVER: mock mode, the service worker answers /api in the page, as `npm run dev` does.
      command: `npx vite --port ${DEV_PORT} --strictPort`,
      url: DEV_APP,
      reuseExistingServer: !CI,
      env: { MOCK_SERVER: '' },
      timeout: 120_000,
    },
  ],
})
