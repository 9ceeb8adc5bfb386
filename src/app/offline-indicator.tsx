import { useSession } from '../state'
import { useI18n } from '../i18n'

/**
 * Says that the browser is offline, from the session snapshot's `online`. A polite live region that is always
 * there (so the change is announced) and takes no room while online; it sits in the flow, never over the content.
 */
export function OfflineIndicator() {
  const { online } = useSession()
  const { t } = useI18n()
  return (
    <div className="offline-indicator" aria-live="polite">
      {online ? null : <p>{t.layout.offline}</p>}
    </div>
  )
}
