import { useRef, useState, type FormEvent } from 'react'
import { TextField } from '../../../lib/components/text-field'
import { useAuthActions } from '../../../lib/auth'
import { hasErrors, type FieldErrors } from '../../../lib/field-errors'
import { describeAuthError } from '../describe-auth-error'
import { validateSignup } from '../validate-auth-form'
import { focusFirstInvalid } from './focus-first-invalid'

/** Name, email and password; a new account is signed in at once. */
export function SignupForm() {
  const { signup } = useAuthActions()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<FieldErrors<'name' | 'email' | 'password'>>({})
  const [serverError, setServerError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)
  const inFlight = useRef(false)
  const formRef = useRef<HTMLFormElement>(null)

  async function handleSubmit(event: FormEvent) {
    event.preventDefault()
    if (inFlight.current) return
    const found = validateSignup({ name, email, password })
    setErrors(found)
    setServerError(null)
    if (hasErrors(found)) {
      focusFirstInvalid(formRef.current)
      return
    }
    inFlight.current = true
    setPending(true)
    try {
      await signup({ name: name.trim(), email: email.trim(), password })
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
      <TextField id="signup-name" label="Name" autoComplete="name" value={name} onChange={setName} error={errors.name} />
      <TextField id="signup-email" label="Email" type="email" autoComplete="email" value={email} onChange={setEmail} error={errors.email} />
      <TextField
        id="signup-password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
      <button type="submit" className="button-primary" disabled={pending}>
        {pending ? 'Creating your account…' : 'Sign up'}
      </button>
    </form>
  )
}
