import type { DpopBenchOptions, DpopCostRow } from '../dpop/measure-dpop'
import { markdownTable } from '../lib/markdown'

const micros = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0))
const ops = (value: number) => Math.round(value).toLocaleString('en')

const bearerRow = (rows: readonly DpopCostRow[]) => rows.find((row) => row.step.startsWith('Bearer'))
const proofRow = (rows: readonly DpopCostRow[]) => rows.find((row) => row.step.startsWith('DPoP, resource request:'))

export function dpopSection(rows: readonly DpopCostRow[], options: DpopBenchOptions): string {
  const bearer = bearerRow(rows)
  return [
    '## DPoP: the cost of a proof per request',
    '',
    `In process with Node's WebCrypto (a browser's figures differ; the ratios and the parts are what carry over): ${options.iterations} timed samples per row after ${options.warmup} untimed, one proof at a time, each awaited. The proof is our signer's (the JWS panva's \`dpop\` makes, with the header and its public JWK kept once per key and \`ath\` once per token; each proof signed once by WebCrypto), beside \`dpop\`'s own \`generateProof\`: a new \`jti\`, \`htu\` without the query, the server's nonce, \`ath\` of a ${'~'}300-byte access token, ES256. Rows marked *part* time one step of a proof alone; *once* rows are not paid per request.`,
    '',
    markdownTable(
      ['step', 'µs (median)', 'µs (p95)', 'ops/s (one caller, back to back)', 'median × Bearer'],
      rows.map((row) => [
        row.kind === 'request' ? `**${row.step}**` : row.kind === 'part' ? `*${row.step}*` : row.step,
        micros(row.medianMicros),
        micros(row.p95Micros),
        ops(row.opsPerSecond),
        bearer && row.kind === 'request' ? `${(row.medianMicros / bearer.medianMicros).toFixed(0)}×` : '',
      ]),
    ),
  ].join('\n')
}

/** One paragraph for the report's reading: what DPoP adds per request, and what caching could save. */
export function dpopReading(rows: readonly DpopCostRow[]): string {
  const bearer = bearerRow(rows)
  const proof = proofRow(rows)
  const withoutAth = rows.find((row) => row.step.startsWith('DPoP, auth endpoint'))
  const sign = rows.find((row) => row.step.includes('signature alone'))
  const jwk = rows.find((row) => row.step.includes('public JWK alone'))
  const ath = rows.find((row) => row.step.includes('`ath` alone'))
  const panva = rows.find((row) => row.step.includes("made by panva's"))
  if (!bearer || !proof || !withoutAth || !sign || !jwk) return ''
  const athCost = proof.medianMicros - withoutAth.medianMicros
  return [
    `DPoP: a proof costs ${micros(proof.medianMicros)} µs per request (median; p95 ${micros(proof.p95Micros)} µs; ${ops(proof.opsPerSecond)} proofs/s for one caller back to back) where a Bearer header costs ${micros(bearer.medianMicros)} µs: about ${(proof.medianMicros / 1000).toFixed(2)} ms, well under a network round trip, and WebCrypto signs off the main thread.`,
    `The ECDSA signature is the floor (${micros(sign.medianMicros)} µs alone): a proof is ${(proof.medianMicros / sign.medianMicros).toFixed(2)}× the signature (goal: at most 1.3×)${panva ? `, where panva's \`dpop\` takes ${micros(panva.medianMicros)} µs (${(panva.medianMicros / sign.medianMicros).toFixed(2)}×)` : ''}. A proof without \`ath\` costs ${micros(withoutAth.medianMicros)} µs, so the token's kept hash adds ${micros(athCost)} µs (${Math.round((athCost / proof.medianMicros) * 100)} % of a proof); hashing it afresh would cost ${micros(ath?.medianMicros ?? NaN)} µs and exporting the public JWK ${micros(jwk.medianMicros)} µs, which \`dpop\` pays for every proof and our signer once per token and once per key.`,
    'Paid once, not per request: the key pair and its thumbprint.',
  ].join(' ')
}
