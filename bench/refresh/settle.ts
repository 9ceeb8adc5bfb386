export interface Settled {
  ok: number
  failed: number
  /** Still pending when the deadline passed: a request the app would wait on forever. */
  hung: number
  /** Failures by error name (`SessionExpiredError`, `AxiosError 401`, ...). */
  errors: Record<string, number>
}

function errorLabel(error: unknown): string {
  if (!(error instanceof Error)) return typeof error
  const status = (error as { response?: { status?: unknown } }).response?.status
  return typeof status === 'number' ? `${error.name} ${status}` : error.name
}

/** Waits for every promise or the deadline, whichever comes first, and counts how each ended. */
export async function settleWithin(promises: readonly Promise<unknown>[], deadlineMs: number): Promise<Settled> {
  const result: Settled = { ok: 0, failed: 0, hung: 0, errors: {} }
  const tracked = promises.map((promise) =>
    promise.then(
      () => {
        result.ok++
      },
      (error: unknown) => {
        result.failed++
        const label = errorLabel(error)
        result.errors[label] = (result.errors[label] ?? 0) + 1
      },
    ),
  )
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, deadlineMs)
  })
  await Promise.race([Promise.all(tracked), deadline])
  clearTimeout(timer)
  result.hung = promises.length - result.ok - result.failed
  return result
}
