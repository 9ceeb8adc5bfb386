import type { MockState } from '../core/runtime'
import type { UserRecord } from '../core/database'
import { InvalidTokenError, verifyToken, type AccessClaims } from '../core/tokens'
import { ApiError } from './api-error'
import { bearerChallenge } from './www-authenticate'

export function invalidToken(description: string): ApiError {
  return new ApiError(401, 'invalid_token', description, {
    'WWW-Authenticate': bearerChallenge({ code: 'invalid_token', description }),
  })
}

/** The `Authorization: Bearer` token, undefined when the request carries no Bearer credentials at all. */
export function bearerToken(request: Request): string | undefined {
  const match = /^Bearer(?:\s+(.*))?$/i.exec(request.headers.get('authorization')?.trim() ?? '')
  if (!match) return undefined
  return match[1]?.trim() ?? ''
}

/** The signed-in user of an API request, or a 401 with the RFC 6750 challenge. */
export async function authenticate(request: Request, state: MockState, nowSeconds: number): Promise<{ claims: AccessClaims; user: UserRecord }> {
  const token = bearerToken(request)
  if (token === undefined) {
    throw new ApiError(401, 'unauthorized', 'This endpoint needs an Authorization: Bearer access token', {
      'WWW-Authenticate': bearerChallenge(),
    })
  }
  if (token === '' || /\s/.test(token)) throw invalidToken('The Authorization header holds no single token')
  let claims: AccessClaims
  try {
    claims = await verifyToken(state.keys, token, 'access', { nowSeconds })
  } catch (error) {
    if (error instanceof InvalidTokenError) throw invalidToken(error.message)
    throw error
  }
  const user = state.db.findUser(claims.sub)
  if (!user) throw invalidToken('The access token names an unknown user')
  return { claims, user }
}
