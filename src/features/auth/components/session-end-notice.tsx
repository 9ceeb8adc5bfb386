import { useSession, useSessionNotice } from '../../../state'
import { useI18n } from '../../../i18n'

/**
 * How the last session ended, in words, on the login page: ended by the server (and whether a post was kept), may
 * have ended (a refresh answer lost where the server cannot take it twice),
 * signed out in another tab, or signed out here while the server could not be told.
 */
export function SessionEndNotice() {
  const { status, endReason } = useSession()
  const notice = useSessionNotice()
  const { t } = useI18n()
  if (endReason === 'key-lost' && status !== 'authenticated') {
    return (
      <p role="alert" className="notice notice-warning">
        {t.login.keyLost}
      </p>
    )
  }
  if (endReason === 'refresh-lost' && status !== 'authenticated') {
    return (
      <p role="alert" className="notice notice-warning">
        {t.login.sessionMayHaveEnded}
      </p>
    )
  }
  if (status === 'ended') {
    return (
      <p role="alert" className="notice notice-warning">
        {notice.postKept ? t.login.sessionEndedPostKept : t.login.sessionEnded}
      </p>
    )
  }
  if (endReason !== 'logout') return null
  const discarded = notice.draftsDiscarded ? ` ${t.login.draftsDiscarded}` : ''
  if (notice.signedOutHere === 'unconfirmed') {
    return (
      <p role="alert" className="notice notice-warning">
        {t.login.logoutUnconfirmed}
        {discarded}
      </p>
    )
  }
  if (notice.signedOutHere === null || notice.draftsDiscarded) {
    return (
      <p role="status" className="notice notice-warning">
        {notice.signedOutHere === null ? `${t.login.signedOutElsewhere}${discarded}` : t.login.draftsDiscarded}
      </p>
    )
  }
  return null
}
