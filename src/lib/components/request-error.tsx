import { classifyRequestError, describeRequestError } from '../describe-request-error'
import { useI18n } from '../../i18n'

/**
 * A failed load in words (`message` when the page knows better), with a way to try again — except for an answer
 * not understood (the app and its server disagree, or no API server is set up): trying again would only fail again
 * until the server changes (a reload then starts afresh).
 */
export function RequestError({ error, onRetry, message }: { error: unknown; onRetry: () => void; message?: string }) {
  const { t } = useI18n()
  const { kind } = classifyRequestError(error)
  const retryable = kind !== 'not-understood' && kind !== 'not-set-up'
  return (
    <div role="alert" className="notice notice-error">
      <p>{message ?? describeRequestError(error, undefined, t)}</p>
      {retryable && (
        <button type="button" onClick={onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  )
}
