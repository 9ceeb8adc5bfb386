import { Link, useSearchParams } from 'react-router-dom'
import { useSessionStatus } from '../../../state'
import { LoginForm } from './login-form'

export function LoginPage() {
  const status = useSessionStatus()
  const [params] = useSearchParams()
  return (
    <section className="card narrow" aria-labelledby="login-heading">
      <h1 id="login-heading">Log in</h1>
      {status === 'ended' && (
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
