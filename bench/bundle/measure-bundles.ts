import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { buildApp } from './build-app'
import { measureAppBundle, measureLibrary, type AppBundle, type SizedFile } from './measure-bundle'

export interface Bundles {
  app: AppBundle
  authCore: SizedFile
  /** Set when comparisons were asked for: other bundles of interest, by label. */
  comparisons: { label: string; size: SizedFile }[]
  /** The build's directory when `keepBuild` was asked for; the caller removes it. */
  builtApp: string | null
}

export const AUTH_ENTRY = 'packages/silent-refresh/src/core/index.ts'

/** Builds the app into a temporary directory (removed unless `keepBuild`) and measures the app's JavaScript and the auth core. */
export async function measureBundles(root: string, options: { comparisons: boolean; keepBuild?: boolean }): Promise<Bundles> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'silent-refresh-build-'))
  let handedOver = false
  try {
    await buildApp(root, outDir)
    const app = await measureAppBundle(outDir)
    const authCore = await measureLibrary(root, AUTH_ENTRY, ['axios', 'jose'])
    const comparisons: Bundles['comparisons'] = []
    if (options.comparisons) {
      comparisons.push(
        { label: 'auth core with axios, jose and dpop bundled in', size: await measureLibrary(root, AUTH_ENTRY, []) },
        { label: 'auth core with dpop left external too (the measure before issue 24)', size: await measureLibrary(root, AUTH_ENTRY, ['axios', 'jose', 'dpop']) },
        { label: 'axios-auth-refresh 5.0.2 (axios external)', size: await measureLibrary(root, 'node_modules/axios-auth-refresh/dist/index.esm.js', ['axios']) },
        { label: 'hand-written recipe with its login and refresh calls (axios external)', size: await measureLibrary(root, 'bench/peers/hand-written-interceptor.ts', ['axios']) },
      )
    }
    handedOver = options.keepBuild === true
    return { app, authCore, comparisons, builtApp: handedOver ? outDir : null }
  } finally {
    if (!handedOver) await rm(outDir, { recursive: true, force: true })
  }
}
