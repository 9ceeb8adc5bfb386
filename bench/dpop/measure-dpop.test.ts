import { describe, expect, it } from 'vitest'
import { dpopReading, dpopSection } from '../report/dpop-section'
import { measureDpopCost, type DpopCostRow } from './measure-dpop'

describe('measureDpopCost', () => {
  it('times every step with a median no larger than its p95', async () => {
    const rows = await measureDpopCost({ iterations: 5, warmup: 1 })
    expect(rows.map((row) => row.kind)).toEqual(['request', 'request', 'request', 'request', 'request', 'request', 'request', 'part', 'part', 'part', 'once', 'once'])
    for (const row of rows) {
      expect(row.medianMicros).toBeGreaterThan(0)
      expect(row.p95Micros).toBeGreaterThanOrEqual(row.medianMicros)
      expect(row.opsPerSecond).toBeCloseTo(1e6 / row.medianMicros)
    }
  })
})

const row = (step: string, kind: DpopCostRow['kind'], medianMicros: number): DpopCostRow => ({
  step,
  kind,
  medianMicros,
  p95Micros: medianMicros * 2,
  opsPerSecond: 1e6 / medianMicros,
})
const rows: DpopCostRow[] = [
  row('Bearer: set `Authorization: Bearer <token>`', 'request', 0.1),
  row('DPoP, resource request: `proofFor` with nonce and `ath`, set both headers', 'request', 200),
  row('DPoP, auth endpoint: `proofFor` with nonce, no `ath`', 'request', 120),
  row('part: ECDSA P-256 signature alone (`subtle.sign`)', 'part', 90),
  row('part: public JWK alone (`subtle.exportKey`): kept once per key', 'part', 8),
]

describe('dpop report', () => {
  it('reads the proof against Bearer and names what the token hash costs', () => {
    const reading = dpopReading(rows)
    expect(reading).toContain('a proof costs 200 µs per request (median; p95 400 µs; 5,000 proofs/s')
    expect(reading).toContain('a Bearer header costs 0.10 µs')
    expect(reading).toContain("the token's kept hash adds 80 µs (40 % of a proof)")
    expect(reading).toContain('a proof is 2.22× the signature (goal: at most 1.3×)')
  })

  it('says nothing when a row it reads is missing', () => {
    expect(dpopReading(rows.slice(1))).toBe('')
  })

  it('tabulates every row with its ratio to Bearer for whole requests only', () => {
    const section = dpopSection(rows, { iterations: 10, warmup: 2 })
    expect(section).toContain('| **DPoP, resource request: `proofFor` with nonce and `ath`, set both headers** | 200 | 400 | 5,000 | 2000× |')
    expect(section).toContain('| *part: ECDSA P-256 signature alone (`subtle.sign`)* | 90 | 180 | 11,111 |  |')
  })
})
