import { Link, useSearchParams } from 'react-router-dom'
import { SignupForm } from './signup-form'
import { PageHeading } from '../../../lib/components/page-heading'

export function SignupPage() {
  const [params] = useSearchParams()
  return (
    <section className="card narrow" aria-labelledby="signup-heading">
      <PageHeading id="signup-heading">Create an account</PageHeading>
      <SignupForm />
      <p>
        Already have an account? <Link to={{ pathname: '/login', search: params.toString() }}>Log in</Link>
      </p>
    </section>
  )
}
