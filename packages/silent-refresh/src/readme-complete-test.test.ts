// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/**
 * The package README's "A complete test" is examples/react-19/src/App.test.tsx, which that example's run (and the
 * fresh app of `npm run check:fresh-app`) executes against its src/App.tsx: what a reader copies from the README runs
 * as written. Its jest-dom setup is that example's too. Here, not in the example: the fresh app outside the
 * repository has no README to read.
 */
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const file = (path: string) => readFileSync(new URL(`../../../examples/react-19/${path}`, import.meta.url), 'utf8')

describe("the package README's testing section", () => {
  it('shows src/App.test.tsx as it is', () => {
    const block = /```tsx\n(\/\/ src\/App\.test\.tsx[\s\S]*?)```/.exec(readme)?.[1]
    expect(block, 'the README has a ```tsx block starting with // src/App.test.tsx').toBeDefined()
    expect(block).toBe(file('src/App.test.tsx'))
  })

  it("installs and sets up jest-dom as this example does (the test's toBeInTheDocument and toHaveTextContent)", () => {
    expect(readme).toMatch(/npm install --save-dev [^\n]*@testing-library\/jest-dom/)
    expect(readme).toContain(file('test/setup.ts').trim())
    expect(readme).toContain("setupFiles: ['./vitest.setup.ts']")
  })
})
