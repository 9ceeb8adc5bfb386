import { axiosAuthRefresh } from '../peers/axios-auth-refresh'
import { handWrittenInterceptor } from '../peers/hand-written-interceptor'
import type { Contestant } from './contestant'
import { ours } from './ours'

/** Every contestant, ours first; each run builds fresh sessions from these. */
export const contestants: readonly Contestant[] = [
  ours,
  axiosAuthRefresh({ deduplicateRefresh: true }),
  axiosAuthRefresh({ deduplicateRefresh: false }),
  handWrittenInterceptor,
]
