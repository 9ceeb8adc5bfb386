import { useEffect, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { useSignOut } from '../lib/auth'
import { useSessionNoticeActions } from '../state'
import { useI18n } from '../i18n'

/**
 * Logs out here at once and tells the server. When the server could not be told (`serverConfirmed: false`), the login
 * page says so: signed out on this device, finished by the client when the connection is back.
 */
export function LogoutButton() {
  const signOut = useSignOut()
  const notices = useSessionNoticeActions()
  const navigate = useNavigate()
  const [pending, setPending] = useState(false)
  const { t } = useI18n()

  // Shown only while signed in: the notices of the last session's end are done.
  useEffect(() => notices.clear(), [notices])

  async function handleClick() {
    setPending(true)
    await signOut()
    navigate('/login', { replace: true })
  }

  return (
    <button type="button" onClick={pending ? undefined : handleClick} aria-disabled={pending || undefined}>
      {pending ? t.layout.loggingOut : t.layout.logOut}
    </button>
  )
}
