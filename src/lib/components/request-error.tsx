import { describeRequestError } from '../describe-request-error'

/** A failed load in words, with a way to try again. */
export function RequestError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <div role="alert" className="notice notice-error">
      <p>{describeRequestError(error)}</p>
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  )
}
