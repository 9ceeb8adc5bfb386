import { Link, useSearchParams } from 'react-router-dom'
import { useSessionStatus } from '../../../state'
import { LoginForm } from './login-form'
import { PageHeading } from '../../../lib/components/page-heading'

export function LoginPage() {
  const status = useSessionStatus()
  const [params] = useSearchParams()
  return (
    <section className="card narrow" aria-labelledby="login-heading">
      <PageHeading id="login-heading">Log in</PageHeading>
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
