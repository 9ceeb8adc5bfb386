import { Link, useSearchParams } from 'react-router-dom'
import { SignupForm } from './signup-form'
import { PageHeading } from '../../../lib/components/page-heading'
import { useI18n } from '../../../i18n'

export function SignupPage() {
  const [params] = useSearchParams()
  const { t } = useI18n()
  return (
    <section className="card narrow" aria-labelledby="signup-heading">
      <PageHeading id="signup-heading">{t.signup.title}</PageHeading>
      <SignupForm />
      <p>
        {t.signup.haveAccount} <Link to={{ pathname: '/login', search: params.toString() }}>{t.signup.logIn}</Link>
      </p>
    </section>
  )
}
