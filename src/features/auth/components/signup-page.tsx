import { Link, useSearchParams } from 'react-router-dom'
import { SignupForm } from './signup-form'

export function SignupPage() {
  const [params] = useSearchParams()
  return (
    <section className="card narrow" aria-labelledby="signup-heading">
      <h1 id="signup-heading">Create an account</h1>
      <SignupForm />
      <p>
        Already have an account? <Link to={{ pathname: '/login', search: params.toString() }}>Log in</Link>
      </p>
    </section>
  )
}
