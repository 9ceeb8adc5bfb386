import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { APP_PATHS } from './src/app/app-paths'
import { prerenderShells } from './scripts/prerender-shells'
import { appChunks } from './scripts/app-chunks'

/** MSW's worker script, served by the dev server only: a production build ships no mock code. */
function mockWorkerInDev(): Plugin {
  return {
    name: 'mock-worker-in-dev',
    apply: 'serve',
    configureServer(server) {
      // Registered before Vite's own middlewares (transform, SPA fallback): the worker's script and its update
      // checks (`Service-Worker: script`) always get the file, never index.html or a 404. Never cached: an update
      // check must see the current file.
      server.middlewares.use('/mockServiceWorker.js', (_request, response) => {
        response.setHeader('Content-Type', 'text/javascript')
        response.setHeader('Cache-Control', 'no-cache')
        response.end(readFileSync('mocks/public/mockServiceWorker.js'))
      })
    },
  }
}

/**
 * `vite preview` answers a path the app has no page for with 404 (the app's HTML, which shows "Page not found"),
 * not its 200 SPA fallback; files (`/robots.txt`, `/assets/…`) and the proxied `/api` and `/__mock` are untouched.
 * A deployment does the same with its own server (docs/security-headers.md).
 */
function unknownPathsAre404InPreview(): Plugin {
  const known = new Set(APP_PATHS)
  return {
    name: 'unknown-paths-are-404-in-preview',
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '/').split('?')[0]!.replace(/(.)\/+$/, '$1')
        const page = (request.method === 'GET' || request.method === 'HEAD') && !/\.[a-z0-9]+$/i.test(path)
        if (!page || known.has(path) || /^\/(api|__mock)(\/|$)/.test(path)) return next()
        response.statusCode = 404
        response.setHeader('Content-Type', 'text/html')
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value)
        response.end(request.method === 'HEAD' ? undefined : readFileSync(resolve(server.config.root, server.config.build.outDir, 'index.html')))
      })
    },
  }
}

/** What a deployment sends with the build's hashed files (docs/security-headers.md, "Caching"). */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable'

/**
 * `vite preview` serves the build's hashed files (`/assets/…`) as a deployment should: kept for a year and never
 * revalidated, since a new build gives them new names. Its own default is `no-cache`: a returning visitor's browser
 * asked again for every script before running it, a round trip each. Pages stay `no-cache`, so a deployment is seen
 * at the next load. A name the build does not have is a 404 (an old tab asking for a chunk a new deployment removed).
 */
function immutableAssetsInPreview(): Plugin {
  return {
    name: 'immutable-assets-in-preview',
    configurePreviewServer(server) {
      server.middlewares.use((request, response, next) => {
        const name = /^\/assets\/([\w.-]+)(\?|$)/.exec(request.url ?? '')?.[1]
        if (!name) return next()
        // A file the build does not have is a 404, not the SPA fallback's HTML (kept for a year under a script's name).
        if (!existsSync(resolve(server.config.root, server.config.build.outDir, 'assets', name))) {
          response.statusCode = 404
          for (const [header, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(header, value)
          response.setHeader('Cache-Control', 'no-cache')
          return response.end()
        }
        // The static server writes its headers in one `writeHead` call: its Cache-Control is replaced there.
        const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => typeof response
        response.writeHead = ((status: number, ...rest: unknown[]) => {
          for (const part of rest) {
            if (!part || typeof part !== 'object' || Array.isArray(part)) continue
            for (const name of Object.keys(part)) if (name.toLowerCase() === 'cache-control') delete (part as Record<string, unknown>)[name]
          }
          if (status < 400) response.setHeader('Cache-Control', ASSET_CACHE_CONTROL)
          return writeHead(status, ...rest)
        }) as typeof response.writeHead
        next()
      })
    },
  }
}

// `npm run mock:server` port; dev and preview proxy /api and /__mock there when MOCK_SERVER is set.
const mockServer = process.env.MOCK_SERVER
const proxy = mockServer
  ? { '/api': { target: mockServer }, '/__mock': { target: mockServer } }
  : undefined

/**
 * The production header set, served by `vite preview` (the e2e "http" target) and written down for deployment in
 * docs/security-headers.md. Scripts only from this origin (no 'unsafe-inline', no eval); the app is never framed.
 * The dev server sends none: React's refresh preamble and the MSW worker need inline script and a looser policy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
}

/**
 * The app imports the library by its public names only (`silent-refresh`, `silent-refresh/react`, …); inside this
 * repository they resolve to the package's source, so the app, its tests and the dev server need no build step.
 * Apps outside the repository get the built `dist/` through the package's `exports`.
 */
const packageSource = fileURLToPath(new URL('./packages/silent-refresh/src/', import.meta.url))
export const SILENT_REFRESH_ALIASES = [
  { find: /^silent-refresh$/, replacement: `${packageSource}core/index.ts` },
  { find: /^silent-refresh\/(react|recoil|testing|boot)$/, replacement: `${packageSource}$1/index.ts` },
]

export default defineConfig(() => ({
  plugins: [
    react(),
    mockWorkerInDev(),
    unknownPathsAre404InPreview(),
    immutableAssetsInPreview(),
    appChunks({ entry: 'src/main.ts', app: 'src/render-app.tsx', routesFrom: 'src/app/route-chunks.ts' }),
    prerenderShells(),
  ],
  resolve: { alias: SILENT_REFRESH_ALIASES, dedupe: ['react', 'react-dom'] },
  // The app's static files (the favicon); MSW's worker comes from the plugin above, in dev only.
  publicDir: 'public',
  define: {
    // Mock mode (service worker) unless a real backend is proxied in.
    'import.meta.env.VITE_MOCK_WORKER': JSON.stringify(mockServer ? 'off' : 'on'),
  },
  // Every browser the build targets preloads modules natively: no polyfill in the entry chunk.
  build: { modulePreload: { polyfill: false } },
  // Pre-bundle every dependency on the first start, including those only reached through a lazy route or the
  // mock worker's dynamic import: a first visit then never triggers a re-optimisation and a full reload.
  optimizeDeps: {
    // src/prerender.tsx runs in Node at build time only (react-dom/server, node:stream): never the browser's.
    entries: ['index.html', 'src/**/*.tsx', '!src/prerender.tsx', 'mocks/browser.ts'],
    include: ['react', 'react/jsx-dev-runtime', 'react-dom/client', 'react-router-dom', 'recoil', 'axios', 'jose', 'msw', 'msw/browser'],
  },
  server: { port: 5173, proxy },
  preview: { port: 4173, proxy, headers: SECURITY_HEADERS },
  test: {
    environment: 'node',
    setupFiles: ['./vitest.setup.ts'],
    include: ['src/**/*.test.{ts,tsx}', 'packages/silent-refresh/src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts', 'tests/**/*.test.{ts,tsx}', 'bench/**/*.test.ts', 'examples/**/*.test.ts'],
    reporters: ['default', './scripts/plain-summary-reporter.ts'],
  },
}))
