import { ApiError } from './api-error'
import { clearedRefreshCookie } from './cookies'
import { bearerChallenge } from './www-authenticate'

/** Every 401 from the refresh endpoint clears the cookie. */
export function refreshRefused(description: string): ApiError {
  return new ApiError(401, 'invalid_refresh_token', description, {
    'Set-Cookie': clearedRefreshCookie(),
    'WWW-Authenticate': bearerChallenge({ code: 'invalid_token', description }),
  })
}

export function requireXhrHeader(request: Request): void {
  if (request.headers.get('x-requested-with') !== 'XMLHttpRequest') {
    throw new ApiError(403, 'csrf_check_failed', 'This endpoint needs the header X-Requested-With: XMLHttpRequest')
  }
}
