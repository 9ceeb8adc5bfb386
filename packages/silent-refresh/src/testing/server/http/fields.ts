import { codePointLength } from '../core/encoding'
import { invalidRequest } from './api-error'

/** Collects every problem of a body, so one 400 names them all. */
export function createFieldCheck(body: Record<string, unknown>) {
  const problems: string[] = []
  return {
    /** The field as a string, or undefined after noting it as missing or of another type. */
    string(field: string): string | undefined {
      const value = body[field]
      if (typeof value === 'string') return value
      problems.push(value === undefined || value === null ? `${field} is required` : `${field} must be a string`)
      return undefined
    },
    check(ok: boolean, problem: string): void {
      if (!ok) problems.push(problem)
    },
    /** Throws 400 `invalid_request` naming every problem noted. */
    done(): void {
      if (problems.length > 0) throw invalidRequest(`Invalid request: ${problems.join('; ')}`)
    },
  }
}

export const length = codePointLength
