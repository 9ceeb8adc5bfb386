import { http } from 'msw'
import { authenticate, invalidToken } from '../http/authenticate'
import { contractDialect } from '../http/dialect'
import { json } from '../http/responses'
import { userJson } from '../http/serialize'
import type { HandlerDeps } from './deps'

/** The profile service: who the access token belongs to. */
export function profileHandlers({ endpoint, dialect = contractDialect }: HandlerDeps) {
  // `/api/me`, and the profile's user endpoint (`endpoints.user`, e.g. `/auth/me`) where it has one elsewhere.
  const paths = ['/api/me', ...(dialect.paths.user !== null && dialect.paths.user !== '/api/me' ? [dialect.paths.user] : [])]
  return paths.map((path) =>
    http.get(
      `*${path}`,
      endpoint(
        { name: 'me', path, failable: 'me', injected401: () => dialect.rejection(invalidToken('The access token is refused (injected by failNext)')) },
        async ({ request, state, now }) => {
          const { user } = await authenticate(request, state, now)
          return json(userJson(user))
        },
      ),
    ),
  )
}
