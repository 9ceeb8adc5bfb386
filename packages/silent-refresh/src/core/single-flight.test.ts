import { describe, expect, it } from 'vitest'
import { createSingleFlight } from './refresh'

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('createSingleFlight', () => {
  it('gives every caller during a run the same promise, and runs the task once', async () => {
    const gate = deferred<string>()
    const args: string[] = []
    const flight = createSingleFlight((arg: string) => {
      args.push(arg)
      return gate.promise
    })
    const calls = Array.from({ length: 100 }, (_, i) => flight.run(`caller-${i}`))
    expect(new Set(calls).size).toBe(1)
    gate.resolve('token')
    await expect(Promise.all(calls)).resolves.toEqual(Array(100).fill('token'))
    expect(args).toEqual(['caller-0'])
  })

  it('shares a failure with every caller, then starts afresh', async () => {
    let runs = 0
    const flight = createSingleFlight(async () => {
      runs += 1
      if (runs === 1) throw new Error('down')
      return 'ok'
    })
    const [a, b] = [flight.run(undefined), flight.run(undefined)]
    await expect(a).rejects.toThrow('down')
    await expect(b).rejects.toThrow('down')
    expect(flight.current()).toBeNull()
    await expect(flight.run(undefined)).resolves.toBe('ok')
    expect(runs).toBe(2)
  })

  it('catches a task that throws synchronously', async () => {
    const flight = createSingleFlight((): Promise<string> => {
      throw new Error('sync')
    })
    await expect(flight.run(undefined)).rejects.toThrow('sync')
    expect(flight.current()).toBeNull()
  })
})

describe('createSingleFlight when every caller went away', () => {
  it('does not turn the failure of an unawaited run into an unhandled rejection', async () => {
    const flight = createSingleFlight(() => Promise.reject(new Error('nobody listens')))
    void flight.run(undefined)
    // Let the rejection settle with no handler attached by the test.
    await new Promise((resolve) => setImmediate(resolve))
    // Vitest fails the run on an unhandled rejection; reaching here with none is the assertion.
    expect(flight.current()).toBeNull()
  })
})
