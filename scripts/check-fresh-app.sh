#!/usr/bin/env bash
# `npm run check:fresh-app` (CI): the package as a newcomer meets it. Packs silent-refresh, makes a new React 19 app
# in a temporary folder OUTSIDE this repository (its own package.json, versions from the npm registry, no workspace,
# no alias, no dedupe trick), installs the tarball there, copies in the React 19 example's source and component
# tests (written only against the public names and `silent-refresh/testing`), and runs them with Vitest + jsdom.
# Passing proves the public names, the packed `dist/` and the testing kit suffice for another app's tests.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

npm run build --workspace silent-refresh >/dev/null
app=$(mktemp -d "${TMPDIR:-/tmp}/silent-refresh-fresh-app.XXXXXX")
trap 'rm -rf "$app"' EXIT
npm pack --workspace silent-refresh --ignore-scripts --pack-destination "$app" --silent >/dev/null
tarball=$(ls "$app"/silent-refresh-*.tgz)

# The example's own dependency versions (one source of truth), without the workspace's `silent-refresh: *`.
node --input-type=module - "$repo/examples/react-19/package.json" "$app/package.json" "$tarball" <<'NODE'
import { readFileSync, writeFileSync } from 'node:fs'
const [source, target, tarball] = process.argv.slice(2)
const example = JSON.parse(readFileSync(source, 'utf8'))
const { 'silent-refresh': _workspace, ...dependencies } = example.dependencies
writeFileSync(target, JSON.stringify({
  name: 'fresh-app',
  private: true,
  type: 'module',
  scripts: { test: 'vitest run' },
  dependencies: { ...dependencies, 'silent-refresh': `file:${tarball}` },
  devDependencies: example.devDependencies,
}, null, 2))
NODE

cp -r "$repo/examples/react-19/src" "$repo/examples/react-19/test" "$app/"
cat > "$app/vite.config.ts" <<'TS'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [react()],
  test: { environment: 'jsdom', setupFiles: ['./test/setup.ts'], include: ['test/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'] },
})
TS

cd "$app"
npm install --no-audit --no-fund --silent
echo "fresh app in $app: $(node -p "require('react/package.json').version") React, silent-refresh from $(basename "$tarball")"
npx vitest run
