import { useCallback } from 'react'
import { useSessionNoticeActions } from '../../state'
import { useAuthActions } from './use-auth-actions'

/**
 * The person's own sign-out, wherever they press it (the header's button, the session warning): marks it as this
 * tab's before the session ends (so the login page never calls it another tab's), logs out, and says so when the
 * server could not be told. Never rejects.
 */
export function useSignOut(): () => Promise<void> {
  const { logout } = useAuthActions()
  const notices = useSessionNoticeActions()
  return useCallback(async () => {
    notices.signedOutHere(true)
    try {
      const result = await logout()
      if (!result.serverConfirmed) notices.signedOutHere(false)
    } catch {
      notices.signedOutHere(false)
    }
  }, [logout, notices])
}
