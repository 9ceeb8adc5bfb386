import { verifyPassword } from '../../core/passwords'
import { ttlSeconds } from '../../core/config'
import { issueTokens } from '../../core/sessions'
import { contractDialect } from '../../http/dialect'
import { authRoute } from '../../http/routes'
import { ApiError } from '../../http/api-error'
import { authenticate } from '../../http/authenticate'
import { createFieldCheck } from '../../http/fields'
import { checkClientLimit, checkEmailLimit, emailLimitKey } from '../../http/limits'
import { json } from '../../http/responses'
import type { HandlerDeps } from '../deps'

/**
 * Step-up (RFC 9470): the signed-in person proves it is them again. Needs the access token (Bearer, or DPoP with a
 * proof) and `{ password }`; answers 200 `{ accessToken, tokenType, sessionExpiresAt }` for the same login (same
 * `sid`, same refresh family: the cookie is neither rotated nor sent) whose `auth_time` is now. A wrong password is
 * 401 `invalid_credentials` and counts toward the login limiter (per email and per client), which answers 429
 * `too_many_attempts` with `Retry-After` past its limits, the right password included.
 */
export function reauthenticateHandler({ endpoint, dialect = contractDialect }: HandlerDeps) {
  const path = dialect.paths.reauthenticate
  return authRoute(dialect.methods.reauthenticate)(
    `*${path}`,
    endpoint({ name: 'reauthenticate', path, code429: 'too_many_attempts' }, async ({ request, state, now, clientAddress }) => {
      const { user, family } = await authenticate(request, state, now)
      const fields = createFieldCheck(await dialect.readCall(request, 'reauthenticate'))
      const password = fields.string('password')
      if (password !== undefined) fields.check(password !== '', 'password must not be empty')
      fields.done()
      const emailId = await emailLimitKey(user.email)
      checkClientLimit(state.db, clientAddress, now)
      checkEmailLimit(state.db, emailId, now)
      // As login: counted before the hash, a success takes it back.
      state.db.loginFailures.record(emailId, now)
      state.db.clientFailures.record(clientAddress, now)
      state.stats.passwordHashes++
      if (!(await verifyPassword(password!, user.password))) throw new ApiError(401, 'invalid_credentials', 'The password is wrong')
      state.db.clientFailures.release(clientAddress, now)
      state.db.loginFailures.clear(emailId)
      family.authTime = now
      state.stats.reauthentications++
      // In the dialect's token answer, as login and refresh (the contract's: `{ accessToken, tokenType, sessionExpiresAt }`).
      return json(dialect.tokenBody(await issueTokens(state, user, family, now), ttlSeconds(state.config.accessTtlMs)))
    }),
  )
}
