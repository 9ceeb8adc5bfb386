import { http } from 'msw'
import { hashPassword, verifyPassword } from '../core/passwords'
import { ApiError } from '../http/api-error'
import { authenticate, invalidToken } from '../http/authenticate'
import { contractDialect } from '../http/dialect'
import { authRoute } from '../http/routes'
import { createFieldCheck, length } from '../http/fields'
import { readJsonObject } from '../http/json-body'
import { json, noContent } from '../http/responses'
import { requireRecentAuth } from '../http/step-up'
import { userJson } from '../http/serialize'
import type { HandlerDeps } from './deps'

/**
 * The profile service: who the access token belongs to (`/api/me` in the kit's own shape, and the profile's user
 * endpoint in its dialect: `mock.userAnswer`), and `PUT /api/me/password` `{ currentPassword?, newPassword }` (a sensitive action: step-up first,
 * RFC 9470; `newPassword` at least 8 characters as at signup; a wrong `currentPassword`, when sent, is 403
 * `invalid_credentials`; 204, the other logins left as they are).
 */
export function profileHandlers({ endpoint, dialect = contractDialect }: HandlerDeps) {
  // `/api/me`, and the profile's user endpoint (`endpoints.user`, e.g. `/auth/me`) where it has one elsewhere.
  const paths = ['/api/me', ...(dialect.paths.user !== null && dialect.paths.user !== '/api/me' ? [dialect.paths.user] : [])]
  const routes = paths.map((path) => [path, path === dialect.paths.user ? dialect.methods.user : 'GET'] as const)
  // A profile's user endpoint with another method than GET at /api/me: that method there too.
  if (dialect.paths.user === '/api/me' && dialect.methods.user !== 'GET') routes.push(['/api/me', 'GET'])
  return [
    ...routes.map(([path, method]) =>
    authRoute(method)(
      `*${path}`,
      endpoint(
        { name: 'me', path, failable: 'me', injected401: () => dialect.rejection(invalidToken('The access token is refused (injected by failNext)')) },
        async ({ request, state, now }) => {
          const { user } = await authenticate(request, state, now)
          return json(path === dialect.paths.user ? dialect.userBody(userJson(user)) : userJson(user))
        },
      ),
    ),
    ),
    http.put(
      '*/api/me/password',
      endpoint({ name: 'password', path: '/api/me/password' }, async ({ request, state, now }) => {
        const { claims, user } = await authenticate(request, state, now)
        requireRecentAuth(request, claims, state, now)
        const body = await readJsonObject(request)
        const fields = createFieldCheck(body)
        const newPassword = fields.string('newPassword')
        if (newPassword !== undefined) fields.check(length(newPassword) >= 8, 'newPassword must be at least 8 characters')
        const currentPassword = body.currentPassword
        fields.check(currentPassword === undefined || typeof currentPassword === 'string', 'currentPassword must be a string when sent')
        fields.done()
        if (typeof currentPassword === 'string') {
          state.stats.passwordHashes++
          if (!(await verifyPassword(currentPassword, user.password))) throw new ApiError(403, 'invalid_credentials', 'The current password is wrong')
        }
        state.stats.passwordHashes++
        user.password = await hashPassword(newPassword!)
        return noContent()
      }),
    ),
  ]
}
