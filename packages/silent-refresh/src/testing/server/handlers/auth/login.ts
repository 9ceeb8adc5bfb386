import { ttlSeconds } from '../../core/config'
import { PBKDF2_ITERATIONS, verifyPassword, type PasswordHash } from '../../core/passwords'
import { startSession } from '../../core/sessions'
import { contractDialect } from '../../http/dialect'
import { authRoute } from '../../http/routes'
import { loginBinding } from '../../http/dpop'
import { createFieldCheck, length } from '../../http/fields'
import { checkClientLimit, checkEmailLimit, emailLimitKey } from '../../http/limits'
import { json } from '../../http/responses'
import { ApiError } from '../../http/api-error'
import { userJson } from '../../http/serialize'
import { bearerChallenge } from '../../http/www-authenticate'
import type { HandlerDeps } from '../deps'

const MAX_EMAIL = 254

// Checked against for unknown emails, so that they take as long as a wrong password.
const NO_USER_HASH: PasswordHash = { algorithm: 'PBKDF2-SHA-256', iterations: PBKDF2_ITERATIONS, salt: 'bm8tdXNlci1zYWx0', hash: '' }

export function loginHandler({ endpoint, dialect = contractDialect }: HandlerDeps) {
  // In the dialect's words (the profile's mock.errorAnswer), as every other refusal.
  const invalidCredentials = () =>
    dialect.rejection(new ApiError(401, 'invalid_credentials', 'The email or the password is wrong', { 'WWW-Authenticate': bearerChallenge() }))
  const path = dialect.paths.login
  return authRoute(dialect.methods.login)(
    `*${path}`,
    endpoint(
      { name: 'login', path, failable: 'login', injected401: invalidCredentials, code429: 'too_many_attempts' },
      async ({ request, state, now, clientAddress }) => {
        const fields = createFieldCheck(await dialect.readCall(request, 'login'))
        const email = fields.string('email')
        const password = fields.string('password')
        if (email !== undefined) fields.check(email !== '' && length(email) <= MAX_EMAIL, `email must be 1 to ${MAX_EMAIL} characters`)
        if (password !== undefined) fields.check(password !== '', 'password must not be empty')
        fields.done()
        const jkt = await loginBinding(request, state, now)
        const emailId = await emailLimitKey(email!)

        checkClientLimit(state.db, clientAddress, now)
        checkEmailLimit(state.db, emailId, now)
        // Counted before the hash, with no await between the checks and here: concurrent guesses see each other.
        // A failure keeps its place; a success takes the client's back and clears the email's.
        state.db.loginFailures.record(emailId, now)
        state.db.clientFailures.record(clientAddress, now)
        const user = state.db.findUserByEmail(email!)
        state.stats.passwordHashes++
        const matches = await verifyPassword(password!, user?.password ?? NO_USER_HASH)
        if (!user || !matches) return invalidCredentials()
        state.db.clientFailures.release(clientAddress, now)
        state.db.loginFailures.clear(emailId)
        const tokens = await startSession(state, user, now, jkt, request.headers.get('user-agent'))
        state.stats.logins++
        const body = dialect.tokenBody(tokens, ttlSeconds(state.config.accessTtlMs), userJson(user))
        return json(body, 200, { 'Set-Cookie': dialect.refreshCookie(tokens.refreshToken, tokens.refreshMaxAge) })
      },
    ),
  )
}
