import { readFile } from 'node:fs/promises'

export type BudgetName = 'appJavaScript' | 'authCore' | 'bootModule'

export interface SizeBudget {
  budgets: Record<BudgetName, { maxGzipBytes: number; what: string }>
  /** Build files allowed to hold MSW code, each with the reason. */
  knownMswFiles: Record<string, string>
}

export class InvalidSizeBudgetError extends Error {
  override readonly name = 'InvalidSizeBudgetError'
}

/** Reads and checks the budget file, so that a typo fails CI loudly instead of disabling a budget. */
export async function readSizeBudget(file: string): Promise<SizeBudget> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'))
  const fail = (why: string): never => {
    throw new InvalidSizeBudgetError(`${file}: ${why}`)
  }
  if (typeof parsed !== 'object' || parsed === null) fail('not a JSON object')
  const { budgets, knownMswFiles = {} } = parsed as Record<string, unknown>
  if (typeof budgets !== 'object' || budgets === null) fail('"budgets" is missing')
  for (const name of ['appJavaScript', 'authCore', 'bootModule'] satisfies BudgetName[]) {
    const max = (budgets as Record<string, { maxGzipBytes?: unknown } | undefined>)[name]?.maxGzipBytes
    if (typeof max !== 'number' || !Number.isInteger(max) || max <= 0) fail(`budgets.${name}.maxGzipBytes must be a positive whole number of bytes`)
  }
  if (typeof knownMswFiles !== 'object' || knownMswFiles === null) fail('"knownMswFiles" must be an object of file → reason')
  return { budgets: budgets as SizeBudget['budgets'], knownMswFiles: knownMswFiles as Record<string, string> }
}

export interface BudgetVerdict {
  name: BudgetName
  gzipBytes: number
  maxGzipBytes: number
  ok: boolean
}

export function judgeBudgets(budget: SizeBudget, measured: Record<BudgetName, number>): BudgetVerdict[] {
  return (Object.keys(measured) as BudgetName[]).map((name) => {
    const maxGzipBytes = budget.budgets[name].maxGzipBytes
    return { name, gzipBytes: measured[name], maxGzipBytes, ok: measured[name] <= maxGzipBytes }
  })
}
