import { useRestoreProblem } from '../lib/auth'
import { RequestError } from '../lib/components/request-error'

/** Shown while the session is restored at start-up, so no one sees a login form they do not need. */
export function Splash() {
  const problem = useRestoreProblem()
  if (problem) return <RequestError error={problem.error} onRetry={problem.retry} />
  return (
    <div className="splash" role="status">
      <span className="spinner" aria-hidden="true" />
      Restoring your session…
    </div>
  )
}
