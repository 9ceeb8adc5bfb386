import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { gzipSize, measureAppBundle } from './measure-bundle'

async function fakeBuild(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fake-build-'))
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
    await writeFile(path.join(dir, file), content)
  }
  return dir
}

describe('measureAppBundle', () => {
  it('sums the gzip sizes of the JavaScript under assets/ only', async () => {
    const app = 'export const a = 1;'.repeat(50)
    const vendor = 'console.log("vendor")'
    const dir = await fakeBuild({ 'assets/app.js': app, 'assets/vendor.js': vendor, 'assets/app.css': 'body{}', 'sw.js': 'self.x = 1' })

    const bundle = await measureAppBundle(dir)

    expect(bundle.javascript.map((f) => f.file).sort()).toEqual([path.join('assets', 'app.js'), path.join('assets', 'vendor.js')])
    expect(bundle.totalGzipBytes).toBe(gzipSize(app) + gzipSize(vendor))
  })

  it('measures the page\'s first module with its static imports, not what it imports dynamically', async () => {
    const entry = 'import{a as t}from"./shared-1.js";import"./side.js";const r=()=>import("./render-app-2.js");t(r)'
    const shared = 'export{x as a}from"./deep.js"'
    const dir = await fakeBuild({
      'index.html': '<script type="module" crossorigin src="/assets/index-1.js"></script>',
      'assets/index-1.js': entry,
      'assets/shared-1.js': shared,
      'assets/side.js': 'self.x=1',
      'assets/deep.js': 'export const x=()=>1',
      'assets/render-app-2.js': 'import{a}from"./shared-1.js";'.repeat(40),
    })

    const { boot } = await measureAppBundle(dir)

    expect(boot.files).toEqual(['assets/index-1.js', 'assets/shared-1.js', 'assets/deep.js', 'assets/side.js'])
    expect(boot.gzipBytes).toBe(gzipSize(entry) + gzipSize(shared) + gzipSize('self.x=1') + gzipSize('export const x=()=>1'))
  })

  it('names every file of the build that holds MSW code, in or out of assets/', async () => {
    const dir = await fakeBuild({
      'assets/app.js': 'start(); await import("./mocks/browser").then((m) => m.setupWorker())',
      'mockServiceWorker.js': "const INTEGRITY_CHECKSUM = 'abc' // Mock Service Worker",
      'assets/clean.js': 'render()',
    })

    const bundle = await measureAppBundle(dir)

    expect(bundle.mswFiles).toEqual([
      { file: path.join('assets', 'app.js'), markers: ['setupWorker'] },
      { file: 'mockServiceWorker.js', markers: ['Mock Service Worker', 'INTEGRITY_CHECKSUM'] },
    ])
  })
})
