import { chromium, type Browser } from 'playwright-core'
import { preview, type PreviewServer } from 'vite'
import { startMockHttpServer, type MockHttpServer } from '../../mocks/server'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
export const DEMO = { email: 'demo@example.com', password: 'demo-pass-123', name: 'Demo User' }

export interface ServedBuild {
  appUrl: string
  mock: MockHttpServer
  /** Launched on first use (Lighthouse launches its own). */
  browser(): Promise<Browser>
}

/**
 * The production build in `builtApp` served by `vite preview` (with the project's headers and per-route HTML),
 * `/api` and `/__mock` proxied to the mock's HTTP server on a free port; everything closed after `run`.
 */
export async function withServedBuild<T>(root: string, builtApp: string, run: (served: ServedBuild) => Promise<T>): Promise<T> {
  let mock: MockHttpServer | undefined
  let server: PreviewServer | undefined
  let launched: Promise<Browser> | undefined
  try {
    mock = await startMockHttpServer({ port: 0 })
    server = await preview({
      root,
      logLevel: 'silent',
      build: { outDir: builtApp },
      preview: { port: 0, strictPort: false, open: false, proxy: { '/api': { target: mock.url }, '/__mock': { target: mock.url } } },
    })
    const appUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, '')
    if (!appUrl) throw new Error('vite preview did not report its URL')
    return await run({
      appUrl,
      mock,
      browser: () => (launched ??= chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })),
    })
  } finally {
    await (await launched?.catch(() => undefined))?.close()
    await server?.close()
    await mock?.close()
  }
}
