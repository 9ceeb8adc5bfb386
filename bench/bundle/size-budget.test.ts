import { mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { InvalidSizeBudgetError, judgeBudgets, readSizeBudget } from './size-budget'

async function budgetFile(content: unknown): Promise<string> {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'budget-')), 'size-budget.json')
  await writeFile(file, JSON.stringify(content))
  return file
}

const valid = {
  budgets: { appJavaScript: { maxGzipBytes: 1000, what: 'app' }, authCore: { maxGzipBytes: 100, what: 'core' }, bootModule: { maxGzipBytes: 10, what: 'boot' } },
  knownMswFiles: { 'mockServiceWorker.js': 'copied from public/' },
}

describe('size budgets', () => {
  it('fails a bundle one byte over its budget and passes one exactly at it', async () => {
    const budget = await readSizeBudget(await budgetFile(valid))
    const verdicts = judgeBudgets(budget, { appJavaScript: 1001, authCore: 100, bootModule: 11 })
    expect(verdicts).toEqual([
      { name: 'appJavaScript', gzipBytes: 1001, maxGzipBytes: 1000, ok: false },
      { name: 'authCore', gzipBytes: 100, maxGzipBytes: 100, ok: true },
      { name: 'bootModule', gzipBytes: 11, maxGzipBytes: 10, ok: false },
    ])
  })

  it('refuses a budget file whose budget is misspelt, instead of silently checking nothing', async () => {
    const misspelt = { budgets: { appJavaScript: valid.budgets.appJavaScript, authcore: valid.budgets.authCore } }
    await expect(readSizeBudget(await budgetFile(misspelt))).rejects.toThrow(InvalidSizeBudgetError)
    await expect(readSizeBudget(await budgetFile(misspelt))).rejects.toThrow(/budgets\.authCore\.maxGzipBytes/)
  })

  it('refuses a budget that is not a positive whole number of bytes', async () => {
    const zero = { budgets: { ...valid.budgets, authCore: { maxGzipBytes: '4 KiB' } } }
    await expect(readSizeBudget(await budgetFile(zero))).rejects.toThrow(InvalidSizeBudgetError)
  })
})
