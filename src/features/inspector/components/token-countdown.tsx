import { formatCountdown } from '../format-countdown'
import { useInspectorMessages } from '../messages'
import { useNow } from '../use-now'

/** The access token's time left, from its decoded `exp` and `iat` (by this tab's clock), ticking every second. */
export function TokenCountdown({ expiresAt }: { expiresAt: number | null }) {
  const now = useNow(1000)
  const m = useInspectorMessages()
  if (expiresAt === null) return <>{m.noAccessToken}</>
  const left = expiresAt - now
  if (left <= 0) return <>{m.expired}</>
  return (
    <>
      {m.expiresIn} <time dateTime={new Date(expiresAt).toISOString()}>{formatCountdown(left)}</time>
    </>
  )
}
