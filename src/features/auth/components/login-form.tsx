import { useState } from 'react'
import { useAuthActions } from '../../../lib/auth'
import { FormAlert } from '../../../lib/components/form-alert'
import { TextField } from '../../../lib/components/text-field'
import { useFormSubmit } from '../../../lib/use-form-submit'
import { useHydrated } from '../../../lib/use-hydrated'
import { describeAuthError } from '../describe-auth-error'
import { validateLogin } from '../validate-auth-form'
import { useI18n } from '../../../i18n'

/** Email and password; on success the session status turns authenticated and the login route moves on. */
export function LoginForm() {
  const { login } = useAuthActions()
  const { t } = useI18n()
  // Prerendered into login.html: shown before the script, usable once React has hydrated it.
  const live = useHydrated()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const { formRef, errors, serverError, pending, handleSubmit } = useFormSubmit({
    validate: () => validateLogin({ email, password }),
    submit: async () => {
      await login({ email: email.trim(), password })
    },
    describeError: describeAuthError,
    fields: ['email', 'password'],
  })

  return (
    <form ref={formRef} className="form" noValidate onSubmit={handleSubmit} aria-busy={pending}>
      <FormAlert message={serverError} />
      <TextField readOnly={pending || !live} id="login-email" label={t.login.email} type="email" autoComplete="username" value={email} onChange={setEmail} error={errors.email} />
      <TextField
        readOnly={pending || !live}
        id="login-password"
        label={t.login.password}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
      />
      <button type="submit" className="button-primary" aria-disabled={pending || undefined} disabled={!live}>
        {pending ? t.login.pending : t.login.submit}
      </button>
    </form>
  )
}
