import { describeRequestError } from '../describe-request-error'
import { useI18n } from '../../i18n'

/** A failed load in words, with a way to try again. */
export function RequestError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n()
  return (
    <div role="alert" className="notice notice-error">
      <p>{describeRequestError(error, undefined, t)}</p>
      <button type="button" onClick={onRetry}>
        {t.retry}
      </button>
    </div>
  )
}
