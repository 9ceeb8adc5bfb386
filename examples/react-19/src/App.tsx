import { useState, type FormEvent } from 'react'
import { AuthError, OfflineError, SessionExpiredError, type SessionSnapshot } from 'silent-refresh'
import { useAuthClient, useRestore, useSession } from 'silent-refresh/react'

interface Profile {
  email: string
  name: string
}

interface Order {
  id: number
  item: string
}

/** What a person reads for a failed request: one sentence per kind of failure. */
function describeFailure(error: unknown): string {
  if (error instanceof OfflineError) return 'You are offline. Try again when the connection is back.'
  if (error instanceof SessionExpiredError) return 'Your session has ended. Please sign in again.'
  if (error instanceof AuthError) return `Could not reach the server (${error.code}). Try again in a moment.`
  return 'Something went wrong. Try again in a moment.'
}

/** Why the person is asked to sign in, if the session ended rather than never began. */
function endedMessage(session: SessionSnapshot): string | null {
  if (session.status === 'ended') return 'Your session has ended. Please sign in again.'
  if (session.endReason === 'logout') return 'You are signed out.'
  return null
}

function SignIn({ notice }: { notice: string | null }) {
  const client = useAuthClient()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setBusy(true)
    setError(null)
    try {
      await client.login({ email: String(form.get('email')), password: String(form.get('password')) })
    } catch (failure) {
      setError(failure instanceof AuthError && failure.code === 'invalid_credentials' ? 'Wrong email or password.' : describeFailure(failure))
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in</h1>
      {notice && <p role="status">{notice}</p>}
      {error && <p role="alert">{error}</p>}
      <label>
        Email <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={busy}>
        Sign in
      </button>
    </form>
  )
}

function Account({ name }: { name: string }) {
  const client = useAuthClient()
  const [profile, setProfile] = useState<Profile | null>(null)
  const [orders, setOrders] = useState<Order[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function load<T>(path: string, show: (data: T) => void) {
    setError(null)
    try {
      show((await client.http.get<T>(path)).data)
    } catch (failure) {
      setError(describeFailure(failure))
    }
  }

  return (
    <main>
      <h1>Signed in as {name}</h1>
      {error && <p role="alert">{error}</p>}
      <button type="button" onClick={() => void load<Profile>('/me', setProfile)}>
        Load profile
      </button>
      <button type="button" onClick={() => void load<Order[]>('/orders', setOrders)}>
        Load orders
      </button>
      <button type="button" onClick={() => void client.logout()}>
        Sign out
      </button>
      {profile && <p>Email: {profile.email}</p>}
      {orders && (
        <ul aria-label="Orders">
          {orders.map((order) => (
            <li key={order.id}>{order.item}</li>
          ))}
        </ul>
      )}
    </main>
  )
}

/** The whole app: a sign-in form, or the account page of the signed-in person. */
export function App() {
  const session = useSession()
  // The session from the cookie, asked once; when the server could not be asked, say so and offer to ask again.
  const restore = useRestore()
  if (session.status === 'unknown' || session.status === 'restoring') {
    if (!restore.error) return <p role="status">Loading…</p>
    return (
      <p role="alert">
        Could not reach the server. <button onClick={restore.retry}>Try again</button>
      </p>
    )
  }
  if (session.status === 'authenticated' && session.user) return <Account name={session.user.name} />
  return <SignIn notice={endedMessage(session)} />
}
