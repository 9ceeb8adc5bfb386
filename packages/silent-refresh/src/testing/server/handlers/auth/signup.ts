import { hashPassword } from '../../core/passwords'
import { ttlSeconds } from '../../core/config'
import { startSession } from '../../core/sessions'
import { loginBinding } from '../../http/dpop'
import { checkClientLimit } from '../../http/limits'
import { ApiError } from '../../http/api-error'
import { contractDialect } from '../../http/dialect'
import { authRoute } from '../../http/routes'
import { createFieldCheck, length } from '../../http/fields'
import { json } from '../../http/responses'
import { userJson } from '../../http/serialize'
import type { HandlerDeps } from '../deps'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const emailTaken = () => new ApiError(409, 'email_taken', 'An account with this email already exists')

/** The signup endpoint; none for a dialect without one. */
export function signupHandler({ endpoint, dialect = contractDialect }: HandlerDeps) {
  const path = dialect.paths.signup
  if (path === null) return []
  return authRoute(dialect.methods.signup)(
    `*${path}`,
    endpoint(
      { name: 'signup', path },
      async ({ request, state, now, clientAddress }) => {
        const fields = createFieldCheck(await dialect.readCall(request, 'signup'))
        const email = fields.string('email')
        const name = fields.string('name')?.trim()
        const password = fields.string('password')
        if (email !== undefined) fields.check(EMAIL.test(email) && length(email) <= 254, 'email must be a valid address')
        if (name !== undefined) {
          fields.check(name !== '', 'name must not be empty')
          fields.check(length(name) <= 100, 'name must be at most 100 characters')
        }
        if (password !== undefined) fields.check(length(password) >= 8, 'password must be at least 8 characters')
        fields.done()
        const jkt = await loginBinding(request, state, now)
        checkClientLimit(state.db, clientAddress, now)
        const taken = () => {
          state.db.clientFailures.record(clientAddress, now)
          return emailTaken()
        }
        if (state.db.findUserByEmail(email!)) throw taken()

        state.stats.passwordHashes++
        const passwordHash = await hashPassword(password!)
        // Checked again: another signup for this email may have finished while the hash was computed.
        if (state.db.findUserByEmail(email!)) throw taken()
        const user = { id: crypto.randomUUID(), email: email!, name: name!, createdAt: now, password: passwordHash }
        state.db.addUser(user)
        const tokens = await startSession(state, user, now, jkt, request.headers.get('user-agent'))
        state.stats.logins++
        return json(dialect.tokenBody(tokens, ttlSeconds(state.config.accessTtlMs), userJson(user)), 201, {
          'Set-Cookie': dialect.refreshCookie(tokens.refreshToken, tokens.refreshMaxAge),
        })
      },
    ),
  )
}
