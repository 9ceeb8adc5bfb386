import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { OutputBundle, OutputChunk } from 'rolldown'
import type { Plugin, ResolvedConfig } from 'vite'
import { LOGIN_SHELL_ID } from '../src/app/login-shell'
import type { prerenderShell as PrerenderShell } from '../src/prerender'

/** The route chunks, by the page whose HTML preloads them. */
const ROUTE_ENTRY = { login: 'src/features/auth/index.ts' } as const

/**
 * How the HTML preloads the app's code, chosen on the slow-mobile bench (bench/browser/run-slow-mobile.ts, under load:
 * see bench/report/first-paint-history.md). The login page (a first visit sends no refresh) preloads the app, its
 * vendor chunks and the auth chunk at low priority, after the first module and the stylesheet: the code arrives
 * sooner and the form is hydrated earlier. The splash page (a returning visitor: the refresh must leave first)
 * preloads nothing: preloaded chunks took the slow link's connections and the main thread (their compile) from the
 * first module's lock, key read and request, and the refresh left about 0.8 s later for the same time to the data.
 * `PRERENDER_PRELOAD=low|auto|high|off` sets both for a measurement.
 */
type PreloadChoice = 'low' | 'auto' | 'high' | 'off'
const PRELOAD_CHOICES: readonly PreloadChoice[] = ['low', 'auto', 'high', 'off']
const override = PRELOAD_CHOICES.find((choice) => choice === process.env.PRERENDER_PRELOAD)
export const PRELOADS: Record<'login' | 'splash', PreloadChoice> = { login: override ?? 'low', splash: override ?? 'off' }

function chunks(bundle: OutputBundle): OutputChunk[] {
  return Object.values(bundle).filter((file): file is OutputChunk => file.type === 'chunk')
}

/** `chunk` and everything it imports statically, in load order (dependencies first). */
function withStaticImports(bundle: OutputBundle, chunk: OutputChunk, seen = new Set<string>()): string[] {
  if (seen.has(chunk.fileName)) return []
  seen.add(chunk.fileName)
  const files: string[] = []
  for (const imported of chunk.imports) {
    const next = bundle[imported]
    if (next?.type === 'chunk') files.push(...withStaticImports(bundle, next, seen))
  }
  return [...files, chunk.fileName]
}

function chunkOf(bundle: OutputBundle, root: string, source: string): OutputChunk {
  const wanted = path.join(root, source)
  const found = chunks(bundle).find((chunk) => chunk.facadeModuleId === wanted) ?? chunks(bundle).find((chunk) => chunk.moduleIds.includes(wanted))
  if (!found) throw new Error(`prerender-shells: no chunk for ${source} in the build`)
  return found
}

function preloadLinks(files: string[], base: string, choice: PreloadChoice): string {
  if (choice === 'off') return ''
  const priority = choice === 'auto' ? '' : ` fetchpriority="${choice}"`
  return files.map((file) => `    <link rel="modulepreload" crossorigin href="${base}${file}"${priority}>`).join('\n')
}

/**
 * The page's first module runs as soon as it has arrived (`async`): a deferred module waits for the parser, the
 * stylesheet and the main thread's work on the preloaded chunks, and the refresh left hundreds of ms later.
 */
function asyncEntry(html: string): string {
  const entry = /<script type="module" crossorigin src="[^"]+"><\/script>/
  if (!entry.test(html)) throw new Error('prerender-shells: index.html has no module script')
  return html.replace(entry, (tag) => tag.replace('<script type="module"', '<script type="module" async'))
}

function withShell(html: string, shell: string, markup: string, preloads: string): string {
  const root = '<div id="root"></div>'
  if (!html.includes(root)) throw new Error('prerender-shells: index.html has no empty <div id="root"></div>')
  return asyncEntry(html).replace(root, `<div id="root" data-prerendered="${shell}">${markup}</div>`).replace('</head>', `${preloads}\n  </head>`)
}

/**
 * After the production build: renders the login form and the splash (src/prerender.tsx, built for Node into a
 * scratch directory inside node_modules so it finds React there) and writes them into the HTML (`login.html` with a
 * `<link rel="modulepreload">` for every chunk its first render needs, see `PRELOADS`): `login.html` (served for /login by
 * `vite preview` and any static host that maps `/login` to `login.html`) and `index.html` (every other path), which
 * also holds the login form in a `<template>` that the first module shows to a visitor without a session.
 */
export function prerenderShells(): Plugin {
  let config: ResolvedConfig
  return {
    name: 'prerender-shells',
    apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    configResolved(resolved) {
      config = resolved
    },
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? path.resolve(config.root, config.build.outDir)
      const root = config.root
      const base = config.base
      const entry = chunkOf(bundle, root, 'src/main.ts')
      const already = new Set(withStaticImports(bundle, entry))
      const app = chunkOf(bundle, root, 'src/render-app.tsx')
      const appFiles = withStaticImports(bundle, app).filter((file) => !already.has(file))
      const routeFiles = withStaticImports(bundle, chunkOf(bundle, root, ROUTE_ENTRY.login)).filter((file) => !already.has(file) && !appFiles.includes(file))

      const { build } = await import('vite')
      const scratchRoot = path.join(root, 'node_modules/.cache')
      await mkdir(scratchRoot, { recursive: true })
      const scratch = await mkdtemp(path.join(scratchRoot, 'prerender-'))
      try {
        await build({
          configFile: config.configFile,
          root,
          mode: config.mode,
          logLevel: 'warn',
          build: { ssr: 'src/prerender.tsx', outDir: scratch, emptyOutDir: true, copyPublicDir: false, rollupOptions: { output: { entryFileNames: 'prerender.mjs' } } },
        })
        const { prerenderShell } = (await import(pathToFileURL(path.join(scratch, 'prerender.mjs')).href)) as { prerenderShell: typeof PrerenderShell }
        const html = await readFile(path.join(outDir, 'index.html'), 'utf8')
        const login = await prerenderShell('login')
        await writeFile(path.join(outDir, 'login.html'), withShell(html, 'login', login, preloadLinks([...appFiles, ...routeFiles], base, PRELOADS.login)))
        // index.html also carries the login form, inert, for a visitor without a session (src/app/login-shell.ts).
        const splash = withShell(html, 'splash', await prerenderShell('splash'), preloadLinks(appFiles, base, PRELOADS.splash))
        await writeFile(path.join(outDir, 'index.html'), splash.replace('</body>', `  <template id="${LOGIN_SHELL_ID}">${login}</template>\n  </body>`))
      } finally {
        await rm(scratch, { recursive: true, force: true })
      }
    },
  }
}
