import { useState } from 'react'
import { useAuthActions } from '../../../lib/auth'
import { FormAlert } from '../../../lib/components/form-alert'
import { TextField } from '../../../lib/components/text-field'
import { useFormSubmit } from '../../../lib/use-form-submit'
import { describeAuthError } from '../describe-auth-error'
import { MAX_NAME, validateSignup } from '../validate-auth-form'

/** Name, email and password; a new account is signed in at once. */
export function SignupForm() {
  const { signup } = useAuthActions()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const { formRef, errors, serverError, pending, handleSubmit } = useFormSubmit({
    validate: () => validateSignup({ name, email, password }),
    submit: async () => {
      await signup({ name: name.trim(), email: email.trim(), password })
    },
    describeError: describeAuthError,
  })

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit} aria-busy={pending}>
      <FormAlert message={serverError} />
      <TextField readOnly={pending} id="signup-name" label="Name" autoComplete="name" maxLength={MAX_NAME} value={name} onChange={setName} error={errors.name} />
      <TextField readOnly={pending} id="signup-email" label="Email" type="email" autoComplete="email" value={email} onChange={setEmail} error={errors.email} />
      <TextField readOnly={pending}
        id="signup-password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
      <button type="submit" className="button-primary" aria-disabled={pending || undefined}>
        {pending ? 'Creating your account…' : 'Sign up'}
      </button>
    </form>
  )
}
