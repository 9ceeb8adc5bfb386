import { existsSync } from 'node:fs'
import { defineConfig } from 'tsup'

/** One bundle per public entry, named as in package.json's `exports` (dist/<name>.js and dist/<name>.d.ts). */
const ENTRIES: Record<string, string> = {
  index: 'src/core/index.ts',
  react: 'src/react/index.ts',
  recoil: 'src/recoil/index.ts',
  testing: 'src/testing/index.ts',
  boot: 'src/boot/index.ts',
}

export default defineConfig({
  entry: Object.fromEntries(Object.entries(ENTRIES).filter(([, source]) => existsSync(source))),
  format: ['esm'],
  target: 'es2022',
  platform: 'browser',
  dts: { compilerOptions: { composite: false } },
  tsconfig: 'tsconfig.build.json',
  clean: true,
  sourcemap: false,
  // The entries import each other by the package's own name, so there is one copy of the core (one `AuthError`
  // class, one React context) however many entries an app loads. Dependencies and peers stay external (tsup's default).
  external: [/^silent-refresh(\/.*)?$/],
  splitting: false,
  treeshake: true,
})
