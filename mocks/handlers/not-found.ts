import { http } from 'msw'
import { unroutedResponse } from '../../packages/silent-refresh/src/testing/server/http/routes'

/** A path a real API server would answer 404 or 405 to: any `api` or `__mock` segment, in any case. */
const API_LIKE = /(^|\/)(api|__mock)(\/|$)/i
/** The dev server's own files: `/src/features/profile/api/get-me.ts` is a module for a lazy route, not an API call. */
const DEV_SERVER_FILE = /^\/(src|node_modules|@[a-z-]+)\//

/** Last in the list: what a real server answers for a path or method it does not serve (404, or 405 with Allow). */
export function notFoundHandlers() {
  return [
    http.all('*', ({ request }) => {
      const { pathname } = new URL(request.url)
      if (!API_LIKE.test(pathname) || DEV_SERVER_FILE.test(pathname)) return undefined
      return unroutedResponse(request.method, pathname)
    }),
  ]
}
