import { http } from 'msw'
import { authenticate, invalidToken } from '../http/authenticate'
import { apiErrorResponse, json } from '../http/responses'
import { userJson } from '../http/serialize'
import type { HandlerDeps } from './deps'

/** The profile service: who the access token belongs to. */
export function profileHandlers({ endpoint }: HandlerDeps) {
  return [
    http.get(
      '*/api/me',
      endpoint(
        { name: 'me', path: '/api/me', failable: 'me', injected401: () => apiErrorResponse(invalidToken('The access token is refused (injected by failNext)')) },
        async ({ request, state, now }) => {
          const { user } = await authenticate(request, state, now)
          return json(userJson(user))
        },
      ),
    ),
  ]
}
