import { useState } from 'react'
import { useAuthActions } from '../../../lib/auth'
import { FormAlert } from '../../../lib/components/form-alert'
import { TextField } from '../../../lib/components/text-field'
import { useFormSubmit } from '../../../lib/use-form-submit'
import { describeAuthError } from '../describe-auth-error'
import { MAX_NAME, validateSignup } from '../validate-auth-form'
import { useI18n } from '../../../i18n'

/** Name, email and password; a new account is signed in at once. */
export function SignupForm() {
  const { signup } = useAuthActions()
  const { t } = useI18n()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const { formRef, errors, serverError, pending, handleSubmit } = useFormSubmit({
    validate: () => validateSignup({ name, email, password }),
    submit: async () => {
      await signup({ name: name.trim(), email: email.trim(), password })
    },
    describeError: describeAuthError,
    fields: ['name', 'email', 'password'],
  })

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit} aria-busy={pending}>
      <FormAlert message={serverError} />
      <TextField readOnly={pending} id="signup-name" label={t.signup.name} autoComplete="name" maxLength={MAX_NAME} value={name} onChange={setName} error={errors.name} />
      <TextField readOnly={pending} id="signup-email" label={t.signup.email} type="email" autoComplete="email" value={email} onChange={setEmail} error={errors.email} />
      <TextField
        readOnly={pending}
        id="signup-password"
        label={t.signup.password}
        type="password"
        autoComplete="new-password"
        hint={t.signup.passwordHint}
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
      <button type="submit" className="button-primary" aria-disabled={pending || undefined}>
        {pending ? t.signup.pending : t.signup.submit}
      </button>
    </form>
  )
}
