import { useCallback } from 'react'
import { useAuthClient } from '../../../lib/auth'
import { RequestError } from '../../../lib/components/request-error'
import { useRequest } from '../../../lib/use-request'
import { getMe } from '../api/get-me'
import { PageHeading } from '../../../lib/components/page-heading'

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'long' })

export function ProfilePage() {
  const client = useAuthClient()
  const load = useCallback((signal: AbortSignal) => getMe(client.http, signal), [client])
  const { state, reload } = useRequest(load)
  return (
    <section className="card" aria-labelledby="profile-heading">
      <PageHeading id="profile-heading">Your profile</PageHeading>
      {state.status === 'loading' && <p role="status">Loading your profile…</p>}
      {state.status === 'error' && <RequestError error={state.error} onRetry={reload} />}
      {state.status === 'success' && (
        <dl className="details">
          <dt>Name</dt>
          <dd>{state.data.name}</dd>
          <dt>Email</dt>
          <dd>{state.data.email}</dd>
          <dt>Member since</dt>
          <dd>
            <time dateTime={state.data.createdAt}>{dateFormat.format(new Date(state.data.createdAt))}</time>
          </dd>
        </dl>
      )}
    </section>
  )
}
