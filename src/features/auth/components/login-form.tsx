import { useRef, useState, type FormEvent } from 'react'
import { TextField } from '../../../lib/components/text-field'
import { useAuthActions } from '../../../lib/auth'
import { hasErrors, type FieldErrors } from '../../../lib/field-errors'
import { describeAuthError } from '../describe-auth-error'
import { validateLogin } from '../validate-auth-form'
import { focusFirstInvalid } from './focus-first-invalid'

/** Email and password; on success the session status turns authenticated and the login route moves on. */
export function LoginForm() {
  const { login } = useAuthActions()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<FieldErrors<'email' | 'password'>>({})
  const [serverError, setServerError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const inFlight = useRef(false)
  const formRef = useRef<HTMLFormElement>(null)

  async function handleSubmit(event: FormEvent) {
    event.preventDefault()
    if (inFlight.current) return
    const found = validateLogin({ email, password })
    setErrors(found)
    setServerError(null)
    if (hasErrors(found)) {
      focusFirstInvalid(formRef.current)
      return
    }
    inFlight.current = true
    setPending(true)
    try {
      await login({ email: email.trim(), password })
    } catch (error) {
      setServerError(describeAuthError(error))
    } finally {
      inFlight.current = false
      setPending(false)
    }
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit} aria-busy={pending}>
      {serverError && (
        <p role="alert" className="notice notice-error">
          {serverError}
        </p>
      )}
      <TextField id="login-email" label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} error={errors.email} />
      <TextField
        id="login-password"
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
      <button type="submit" className="button-primary" disabled={pending}>
        {pending ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  )
}
