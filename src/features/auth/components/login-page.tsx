import { Link, useSearchParams } from 'react-router-dom'
import { LoginForm } from './login-form'
import { SessionEndNotice } from './session-end-notice'
import { PageHeading } from '../../../lib/components/page-heading'
import { CARRIES_QUERY_ATTRIBUTE } from '../../../lib/auth/login-path'
import { useI18n } from '../../../i18n'

export function LoginPage() {
  const [params] = useSearchParams()
  const { t } = useI18n()
  return (
    <section className="card narrow" aria-labelledby="login-heading">
      <PageHeading id="login-heading">{t.login.title}</PageHeading>
      <SessionEndNotice />
      {import.meta.env.DEV && import.meta.env.VITE_MOCK_WORKER === 'on' && (
        <p className="field-hint">
          {t.login.demoAccount} <code>demo@example.com</code> / <code>demo-pass-123</code>
        </p>
      )}
      <LoginForm />
      <p>
        {t.login.newHere} <Link to={{ pathname: '/signup', search: params.toString() }} {...{ [CARRIES_QUERY_ATTRIBUTE]: '' }}>{t.login.createAccount}</Link>
      </p>
    </section>
  )
}
