import { http } from 'msw'
import { PBKDF2_ITERATIONS, verifyPassword, type PasswordHash } from '../../core/passwords'
import { startSession } from '../../core/sessions'
import { ApiError } from '../../http/api-error'
import { refreshCookie } from '../../http/cookies'
import { createFieldCheck } from '../../http/fields'
import { readJsonObject } from '../../http/json-body'
import { errorJson, json } from '../../http/responses'
import { userJson } from '../../http/serialize'
import { bearerChallenge } from '../../http/www-authenticate'
import type { HandlerDeps } from '../deps'

const WINDOW_MS = 15 * 60 * 1000
const MAX_FAILURES = 5

// Checked against for unknown emails, so that they take as long as a wrong password.
const NO_USER_HASH: PasswordHash = { algorithm: 'PBKDF2-SHA-256', iterations: PBKDF2_ITERATIONS, salt: 'bm8tdXNlci1zYWx0', hash: '' }

const invalidCredentials = () =>
  errorJson(401, 'invalid_credentials', 'The email or the password is wrong', { 'WWW-Authenticate': bearerChallenge() })

export function loginHandler({ endpoint }: HandlerDeps) {
  return http.post(
    '*/api/auth/login',
    endpoint(
      { name: 'login', failable: 'login', injected401: invalidCredentials, code429: 'too_many_attempts' },
      async ({ request, state, now, nowSeconds }) => {
        const fields = createFieldCheck(await readJsonObject(request))
        const email = fields.string('email')
        const password = fields.string('password')
        if (email !== undefined) fields.check(email !== '', 'email must not be empty')
        if (password !== undefined) fields.check(password !== '', 'password must not be empty')
        fields.done()

        const failures = state.db.recentLoginFailures(email!, now - WINDOW_MS)
        const oldest = failures[0]
        if (failures.length >= MAX_FAILURES && oldest !== undefined) {
          const retryAfter = Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000))
          throw new ApiError(429, 'too_many_attempts', `Too many failed logins for this email; retry in ${retryAfter} seconds`, {
            'Retry-After': String(retryAfter),
          })
        }
        const user = state.db.findUserByEmail(email!)
        const matches = await verifyPassword(password!, user?.password ?? NO_USER_HASH)
        if (!user || !matches) {
          state.db.recordLoginFailure(email!, now)
          return invalidCredentials()
        }
        state.db.clearLoginFailures(email!)
        const tokens = await startSession(state, user, nowSeconds)
        state.stats.logins++
        return json({ accessToken: tokens.accessToken, user: userJson(user) }, 200, {
          'Set-Cookie': refreshCookie(tokens.refreshToken, tokens.refreshMaxAge),
        })
      },
    ),
  )
}
