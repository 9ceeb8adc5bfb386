import { Link, useSearchParams } from 'react-router-dom'
import { useSessionEndReason, useSessionStatus } from '../../../state'
import { LoginForm } from './login-form'

export function LoginPage() {
  const status = useSessionStatus()
  const endReason = useSessionEndReason()
  const [params] = useSearchParams()
  return (
    <section className="card narrow" aria-labelledby="login-heading">
      <h1 id="login-heading">Log in</h1>
      {endReason === 'key-lost' && status !== 'authenticated' ? (
        <p role="alert" className="notice notice-warning">
          This browser no longer has the security key your session was bound to (its site data was cleared), so the
          session has ended — please log in again
        </p>
      ) : status === 'ended' && (
        <p role="alert" className="notice notice-warning">
          Your session has ended — please log in again
        </p>
      )}
      {import.meta.env.DEV && import.meta.env.VITE_MOCK_WORKER === 'on' && (
        <p className="field-hint">
          Demo account: <code>demo@example.com</code> / <code>demo-pass-123</code>
        </p>
      )}
      <LoginForm />
      <p>
        New here? <Link to={{ pathname: '/signup', search: params.toString() }}>Create an account</Link>
      </p>
    </section>
  )
}
