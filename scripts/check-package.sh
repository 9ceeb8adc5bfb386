#!/usr/bin/env bash
# `npm run check:package` (CI): builds the silent-refresh package, packs it as `npm publish` would, and checks the
# tarball a consumer gets: only dist/, README.md, LICENSE and package.json inside; publint and "Are the types wrong?"
# clean. attw runs with the esm-only profile: the package is ESM-only on purpose ("type": "module", `import`
# conditions only, Node >= 20.19, which loads ESM even from require()), so the CommonJS resolutions the other
# profiles test are out of scope rather than wrong; node16-ESM and bundler resolution are checked in full.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run build --workspace silent-refresh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# The build just ran: pack without prepack building it a second time.
npm pack --workspace silent-refresh --ignore-scripts --pack-destination "$out" --silent >/dev/null
tarball=$(ls "$out"/silent-refresh-*.tgz)

files=$(tar -tzf "$tarball")
unexpected=$(echo "$files" | grep -v -E '^package/(dist/[^/]+\.(js|d\.ts)|README\.md|LICENSE|package\.json)$' || true)
if [ -n "$unexpected" ]; then
  echo "The tarball holds files beyond dist/, README.md, LICENSE and package.json:" >&2
  echo "$unexpected" >&2
  exit 1
fi
for required in package/README.md package/LICENSE package/package.json package/dist/index.js package/dist/index.d.ts; do
  echo "$files" | grep -qx "$required" || { echo "The tarball lacks $required" >&2; exit 1; }
done
echo "tarball: $(basename "$tarball"), $(echo "$files" | wc -l) files"

npx publint run "$tarball" --strict
npx attw "$tarball" --profile esm-only
