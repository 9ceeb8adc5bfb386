import { formatCountdown } from '../format-countdown'
import { useNow } from '../use-now'

/** The access token's time left, from its decoded `exp` and `iat` (by this tab's clock), ticking every second. */
export function TokenCountdown({ expiresAt }: { expiresAt: number | null }) {
  const now = useNow(1000)
  if (expiresAt === null) return <>no access token</>
  const left = expiresAt - now
  if (left <= 0) return <>expired (the next request refreshes first)</>
  return (
    <>
      expires in <time dateTime={new Date(expiresAt).toISOString()}>{formatCountdown(left)}</time>
    </>
  )
}
