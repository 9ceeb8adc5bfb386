import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'

export interface SizedFile {
  file: string
  bytes: number
  gzipBytes: number
}

export interface AppBundle {
  /** The JavaScript the app loads (Vite's `assets/`), relative to the build directory. */
  javascript: SizedFile[]
  totalGzipBytes: number
  /** Files of the build holding MSW code, with the markers found. */
  mswFiles: { file: string; markers: string[] }[]
  /** The page's first module (index.html's module script) and every file it imports statically: what runs before the refresh leaves. */
  boot: { files: string[]; gzipBytes: number }
}

/** Relative static imports of a minified ES module (`import … from "./x.js"`, `import "./x.js"`, `export … from "./x.js"`); not `import()`. */
export function staticImports(code: string): string[] {
  const found = new Set<string>()
  for (const match of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) found.add(match[1]!)
  return [...found]
}

/** index.html's module script and its static imports, followed through the build. */
async function measureBoot(outDir: string): Promise<AppBundle['boot']> {
  const html = await readFile(path.join(outDir, 'index.html'), 'utf8').catch(() => '')
  const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)?.[1]
  if (!entry) return { files: [], gzipBytes: 0 }
  const files: string[] = []
  let gzipBytes = 0
  const visit = async (file: string) => {
    if (files.includes(file)) return
    files.push(file)
    const code = await readFile(path.join(outDir, file), 'utf8')
    gzipBytes += gzipSize(code)
    for (const imported of staticImports(code)) await visit(path.posix.join(path.posix.dirname(file), imported))
  }
  await visit(entry)
  return { files, gzipBytes }
}

/** Strings only MSW's code (library, worker script, our mock) carries. */
const MSW_MARKERS = ['mockServiceWorker', '[MSW]', 'Mock Service Worker', '__msw', 'setupWorker', 'INTEGRITY_CHECKSUM', 'createMockBackend', 'msw-cookie-store']

export const gzipSize = (content: string | Uint8Array) => gzipSync(content, { level: 9 }).length

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
}

/** gzip -9 sizes of a build's JavaScript, and where MSW code turns up in it. */
export async function measureAppBundle(outDir: string): Promise<AppBundle> {
  const javascript: SizedFile[] = []
  const mswFiles: AppBundle['mswFiles'] = []
  for (const file of (await filesUnder(outDir)).sort()) {
    if (!/\.(m?js|html)$/.test(file)) continue
    const content = await readFile(path.join(outDir, file), 'utf8')
    const markers = MSW_MARKERS.filter((marker) => content.includes(marker))
    if (markers.length > 0) mswFiles.push({ file, markers })
    if (file.startsWith(`assets${path.sep}`) && /\.m?js$/.test(file)) javascript.push({ file, bytes: Buffer.byteLength(content), gzipBytes: gzipSize(content) })
  }
  return { javascript, totalGzipBytes: javascript.reduce((sum, f) => sum + f.gzipBytes, 0), mswFiles, boot: await measureBoot(outDir) }
}

/** One entry bundled on its own (ES module, minified as the app build minifies), `external` left out. */
export async function measureLibrary(root: string, entry: string, external: readonly string[]): Promise<SizedFile> {
  const result = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: 'entry' },
      rolldownOptions: { external: [...external] },
    },
  })
  const outputs = Array.isArray(result) ? result : [result]
  let code = ''
  for (const output of outputs) {
    if (!('output' in output)) throw new Error('expected a bundle, got a watcher')
    for (const chunk of output.output) if (chunk.type === 'chunk') code += chunk.code
  }
  return { file: entry, bytes: Buffer.byteLength(code), gzipBytes: gzipSize(code) }
}
