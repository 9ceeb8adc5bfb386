import { http } from 'msw'
import { unroutedResponse } from '../http/routes'

/** Last in the list: what a real server answers for a path or method it does not serve (404, or 405 with Allow). */
export function notFoundHandlers() {
  const unrouted = ({ request }: { request: Request }) => unroutedResponse(request.method, new URL(request.url).pathname)
  return [http.all('*/api/*', unrouted), http.all('*/api', unrouted), http.all('*/__mock/*', unrouted)]
}
