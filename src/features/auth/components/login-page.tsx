import { Link, useSearchParams } from 'react-router-dom'
import { useSessionEndReason, useSessionStatus } from '../../../state'
import { LoginForm } from './login-form'
import { PageHeading } from '../../../lib/components/page-heading'
import { useI18n } from '../../../i18n'

export function LoginPage() {
  const status = useSessionStatus()
  const endReason = useSessionEndReason()
  const [params] = useSearchParams()
  const { t } = useI18n()
  return (
    <section className="card narrow" aria-labelledby="login-heading">
      <PageHeading id="login-heading">{t.login.title}</PageHeading>
      {endReason === 'key-lost' && status !== 'authenticated' ? (
        <p role="alert" className="notice notice-warning">
          {t.login.keyLost}
        </p>
      ) : status === 'ended' && (
        <p role="alert" className="notice notice-warning">
          {t.login.sessionEnded}
        </p>
      )}
      {import.meta.env.DEV && import.meta.env.VITE_MOCK_WORKER === 'on' && (
        <p className="field-hint">
          {t.login.demoAccount} <code>demo@example.com</code> / <code>demo-pass-123</code>
        </p>
      )}
      <LoginForm />
      <p>
        {t.login.newHere} <Link to={{ pathname: '/signup', search: params.toString() }}>{t.login.createAccount}</Link>
      </p>
    </section>
  )
}
