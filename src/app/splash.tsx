import { useRestoreProblem } from '../lib/auth'
import { RequestError } from '../lib/components/request-error'
import { classifyRequestError } from '../lib/describe-request-error'
import { useI18n } from '../i18n'

/** Shown while the session is restored at start-up, so no one sees a login form they do not need. */
export function Splash() {
  const problem = useRestoreProblem()
  const { t } = useI18n()
  // Offline, the provider restores by itself once the connection is back: the words say so.
  const offline = problem !== null && classifyRequestError(problem.error).kind === 'offline'
  if (problem) return <RequestError error={problem.error} onRetry={problem.retry} message={offline ? t.splash.offline : undefined} />
  return (
    <div className="splash" role="status">
      <span className="spinner" aria-hidden="true" />
      {t.splash.restoring}
    </div>
  )
}
