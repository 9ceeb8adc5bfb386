import { http } from 'msw'
import { errorJson } from '../http/responses'

/** Last in the list: what a real server answers for a path or method it does not serve. */
export function notFoundHandlers() {
  const notFound = ({ request }: { request: Request }) =>
    errorJson(404, 'not_found', `No endpoint ${request.method} ${new URL(request.url).pathname}`)
  return [http.all('*/api/*', notFound), http.all('*/__mock/*', notFound)]
}
