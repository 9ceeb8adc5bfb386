import { useCallback } from 'react'
import { useAuthClient } from '../../../lib/auth'
import { RequestError } from '../../../lib/components/request-error'
import { useRequest } from '../../../lib/use-request'
import { getMe } from '../api/get-me'
import { PageHeading } from '../../../lib/components/page-heading'
import { useI18n } from '../../../i18n'

export function ProfilePage() {
  const client = useAuthClient()
  const { t, formatDate } = useI18n()
  const load = useCallback((signal: AbortSignal) => getMe(client.http, signal), [client])
  const { state, reload } = useRequest(load)
  return (
    <section className="card" aria-labelledby="profile-heading">
      <PageHeading id="profile-heading">{t.profile.title}</PageHeading>
      {state.status === 'loading' && <p role="status">{t.profile.loading}</p>}
      {state.status === 'error' && <RequestError error={state.error} onRetry={reload} />}
      {state.status === 'success' && (
        <dl className="details">
          <dt>{t.profile.name}</dt>
          <dd>{state.data.name}</dd>
          <dt>{t.profile.email}</dt>
          <dd>{state.data.email}</dd>
          <dt>{t.profile.memberSince}</dt>
          <dd>
            <time dateTime={state.data.createdAt}>{formatDate(state.data.createdAt, { dateStyle: 'long' })}</time>
          </dd>
        </dl>
      )}
    </section>
  )
}
