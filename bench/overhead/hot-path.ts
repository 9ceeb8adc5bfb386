import { AxiosHeaders } from 'axios'
// Internals on purpose: this table tells the core's maintainers which step of the hot path costs what.
import { requestTarget } from '../../packages/silent-refresh/src/core/request'
import { createMemoryTokenStore, createTokenReader } from '../../packages/silent-refresh/src/core/token'
import { fakeAccessToken } from '../lib/fake-jwt'

export interface HotPathStep {
  step: string
  nanosPerCall: number
}

const BASE_URL = 'http://localhost/api'

function nanosPerCall(fn: () => unknown, calls: number): number {
  let sink: unknown
  for (let i = 0; i < calls / 10; i++) sink = fn()
  const started = process.hrtime.bigint()
  for (let i = 0; i < calls; i++) sink = fn()
  const elapsed = Number(process.hrtime.bigint() - started)
  if (sink === Symbol.for('never')) console.log(sink)
  return elapsed / calls
}

/** What each step of ours' request interceptor costs alone, with a valid token (the path every request takes). */
export function measureHotPath(calls = 1_000_000): HotPathStep[] {
  const nowSeconds = Math.floor(Date.now() / 1000)
  const store = createMemoryTokenStore(fakeAccessToken({ sub: 'u1', iatSeconds: nowSeconds, expSeconds: nowSeconds + 3600, jti: 'hot' }))
  const tokens = createTokenReader(store, Date.now, 30_000)
  const headers = new AxiosHeaders({ Accept: 'application/json, text/plain, */*' })
  const authorization = `Bearer ${store.get()}`
  return [
    { step: 'is the request for the API? (`requestTarget`)', nanosPerCall: nanosPerCall(() => requestTarget(BASE_URL, BASE_URL, '/me'), calls) },
    { step: 'read the token and its freshness (`tokens.read()`)', nanosPerCall: nanosPerCall(() => tokens.read(), calls) },
    { step: 'set `Authorization` (`AxiosHeaders#set`, every peer does it too)', nanosPerCall: nanosPerCall(() => headers.set('Authorization', authorization), calls) },
  ]
}
