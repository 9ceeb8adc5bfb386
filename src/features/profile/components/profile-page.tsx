import { useCallback } from 'react'
import { useAuthClient } from '../../../lib/auth'
import { RequestError } from '../../../lib/components/request-error'
import { useRequest } from '../../../lib/use-request'
import { useSession } from '../../../state'
import { getMe } from '../api/get-me'
import { PageHeading } from '../../../lib/components/page-heading'
import { useI18n } from '../../../i18n'
import { ChangePasswordSection } from './change-password-section'
import { DevicesSection } from './devices-section'

/**
 * The signed-in person. Name and email come at once from the access token's claims (the refresh answer already
 * says who this is: no second round trip before their data shows); `GET /api/me` revalidates behind and adds
 * the rest. Its row is held open meanwhile, so nothing moves when the answer lands.
 */
export function ProfilePage() {
  const client = useAuthClient()
  const { user: fromToken } = useSession()
  const { t, formatDate } = useI18n()
  const load = useCallback((signal: AbortSignal) => getMe(client.http, signal), [client])
  const { state, reload } = useRequest(load)
  const me = state.status === 'success' ? state.data : null
  const shown = me ?? fromToken
  return (
    <>
    <section className="card" aria-labelledby="profile-heading">
      <PageHeading id="profile-heading">{t.profile.title}</PageHeading>
      {!shown && state.status === 'loading' && <p role="status">{t.profile.loading}</p>}
      {shown && (
        <dl className="details">
          <dt>{t.profile.name}</dt>
          <dd>{shown.name}</dd>
          <dt>{t.profile.email}</dt>
          <dd>{shown.email}</dd>
          <dt>{t.profile.memberSince}</dt>
          {me ? (
            <dd>
              <time dateTime={me.createdAt}>{formatDate(me.createdAt, { dateStyle: 'long' })}</time>
            </dd>
          ) : (
            <dd aria-busy={state.status === 'loading'}>
              <span className="placeholder-line" aria-hidden="true" />
              {state.status === 'loading' && <span className="visually-hidden">{t.profile.loading}</span>}
            </dd>
          )}
        </dl>
      )}
      {state.status === 'error' && <RequestError error={state.error} onRetry={reload} />}
    </section>
    <ChangePasswordSection />
    <DevicesSection />
    </>
  )
}
