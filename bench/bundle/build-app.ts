import { build } from 'vite'

/**
 * The production build exactly as `vite build` makes it (the project's vite.config.ts), written to
 * `outDir`: a directory of its own, so a concurrent `vite preview` of dist/ is left alone.
 */
export async function buildApp(root: string, outDir: string): Promise<void> {
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } })
}
