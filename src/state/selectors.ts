import { selector } from 'recoil'
import { decodeAccessToken } from '../auth'
import { accessTokenReceivedAtState, accessTokenState, sessionStatusState } from './atoms'

/** The access token's claims, or null when there is no token or it does not decode. */
export const accessTokenClaimsState = selector({
  key: 'auth/accessTokenClaims',
  get: ({ get }) => {
    const token = get(accessTokenState)
    return token ? decodeAccessToken(token) : null
  },
})

/** When the access token expires (ms since the epoch, the token's `exp`), or null. */
export const accessTokenExpiryState = selector<number | null>({
  key: 'auth/accessTokenExpiry',
  get: ({ get }) => get(accessTokenClaimsState)?.expiresAt ?? null,
})

/** When the access token was issued (ms since the epoch, its `iat`), or null. */
export const accessTokenIssuedAtState = selector<number | null>({
  key: 'auth/accessTokenIssuedAt',
  get: ({ get }) => get(accessTokenClaimsState)?.issuedAt ?? null,
})

/**
 * When the access token expires by this tab's clock: its lifetime (`exp - iat`) counted from when it
 * arrived, so a server clock minutes off (or the mock's advanced clock) does not skew a countdown.
 */
export const accessTokenLocalExpiryState = selector<number | null>({
  key: 'auth/accessTokenLocalExpiry',
  get: ({ get }) => {
    const claims = get(accessTokenClaimsState)
    const receivedAt = get(accessTokenReceivedAtState)
    return claims && receivedAt !== null ? receivedAt + (claims.expiresAt - claims.issuedAt) : null
  },
})

export const currentUserState = selector({
  key: 'auth/currentUser',
  get: ({ get }) => get(accessTokenClaimsState)?.user ?? null,
})

export const isAuthenticatedState = selector<boolean>({
  key: 'auth/isAuthenticated',
  get: ({ get }) => get(sessionStatusState) === 'authenticated' && get(accessTokenClaimsState) !== null,
})
