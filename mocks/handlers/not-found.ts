import { http } from 'msw'
import { errorJson } from '../http/responses'

/** Last in the list: what a real server answers for a path or method it does not serve. */
export function notFoundHandlers() {
  const notFound = ({ request }: { request: Request }) =>
    errorJson(404, 'not_found', `No endpoint ${request.method} ${new URL(request.url).pathname}`)
  // Anchored at the origin: `*/api/*` also matched the dev server's modules under a feature's `api/` folder
  // (`/src/features/profile/api/get-me.ts`), so a lazily loaded route got a 404 from the worker.
  return [http.all(/^[a-z]+:\/\/[^/]+\/api\//, notFound), http.all(/^[a-z]+:\/\/[^/]+\/__mock\//, notFound)]
}
