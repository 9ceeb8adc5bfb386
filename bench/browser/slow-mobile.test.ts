import { describe, expect, it } from 'vitest'
import { bootStepsTable, slowMobileTable } from '../report/browser-section'
import { summarizeLoads, type SlowMobileLoad } from './slow-mobile'

const load = (refreshLeft: number | null, htmlIn: number, boot: Record<string, number> = {}): SlowMobileLoad => ({
  refreshLeft,
  htmlIn,
  firstModuleIn: htmlIn + 200,
  fcp: 500,
  appRender: 900,
  boot,
  marks: {},
  usable: 1000,
  formInHtml: false,
  refreshes: refreshLeft === null ? 0 : 1,
})

describe('summarizeLoads', () => {
  it("takes the median of each load's own refresh-after-HTML, not the difference of the medians", () => {
    // The medians' difference would be 500 - 200 = 300; each load's own differences are 350, 200 and 500.
    const cell = summarizeLoads('/profile', 'returning', [load(450, 100), load(500, 300), load(700, 200)])
    expect(cell.refreshLeftMs).toBe(500)
    expect(cell.htmlInMs).toBe(200)
    expect(cell.refreshAfterHtmlMs).toBe(350)
    expect(cell.firstModuleInMs).toBe(400)
  })

  it('has no refresh figures when a load sent none, and takes each boot step over the loads that made it', () => {
    const cell = summarizeLoads('/login', 'first visit', [load(null, 180, { start: 300 }), load(600, 200, { start: 320, fetch: 590 })])
    expect(cell.refreshLeftMs).toBeNull()
    expect(cell.refreshAfterHtmlMs).toBeNull()
    expect(cell.bootMarksMs).toEqual({ start: 310, fetch: 590 })
  })
})

describe('the slow-mobile tables', () => {
  const cells = [
    summarizeLoads('/profile', 'returning, same tab', [load(610, 174, { start: 508, 'key-read': 585, 'lock-acquired': 576, 'proof-signed': 591, fetch: 595 })]),
    summarizeLoads('/login', 'first visit', [load(null, 180)]),
  ]

  it('shows when the HTML and the first module came in, and the refresh counted from the HTML', () => {
    const row = slowMobileTable(cells).split('\n').find((line) => line.includes('same tab'))
    expect(row).toBe('| `/profile` | returning, same tab | 174 | 374 | **610 ms** | **436 ms** | **500 ms** | 1000 | — | 900 | 1 |')
  })

  it("lists the first module's steps only for the rows that sent a refresh", () => {
    const rows = bootStepsTable(cells).split('\n').filter((line) => line.startsWith('| `'))
    expect(rows).toEqual(['| `/profile` | returning, same tab | 374 | 508 | 585 | 576 | 591 | 595 | 610 |'])
  })
})
