import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The bench's own tests (`npx vitest run --config bench/vitest.config.ts`) until the root config includes bench/**.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    environment: 'node',
    include: ['bench/**/*.test.ts'],
    testTimeout: 30_000,
  },
})
