import { useId, useState, type FormEvent } from 'react'
import { StepUpCancelledError } from 'silent-refresh'
import { useAuthClient } from '../../../lib/auth'
import { FormAlert } from '../../../lib/components/form-alert'
import { TextField } from '../../../lib/components/text-field'
import { describeRequestError } from '../../../lib/describe-request-error'
import { useI18n } from '../../../i18n'
import { changePassword } from '../api/change-password'

/**
 * "Change password": one field and one button. The server may ask the person to confirm it is them first; the
 * request then waits behind the "Confirm it's you" dialog and completes by itself once they have (no second click).
 * What was typed stays in the field unless the change went through.
 */
export function ChangePasswordSection() {
  const client = useAuthClient()
  const { t } = useI18n()
  const words = t.profile.password
  const id = useId()
  const [newPassword, setNewPassword] = useState('')
  const [fieldError, setFieldError] = useState<string | undefined>(undefined)
  const [saving, setSaving] = useState(false)
  const [done, setDone] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (saving) return
    setDone(null)
    setFailure(null)
    if ([...newPassword].length < 8) {
      setFieldError(words.tooShort)
      return
    }
    setFieldError(undefined)
    setSaving(true)
    try {
      await changePassword(client.http, newPassword)
      setNewPassword('')
      setDone(words.done)
    } catch (error) {
      setFailure(error instanceof StepUpCancelledError ? words.cancelled : describeRequestError(error, undefined, t))
    } finally {
      setSaving(false)
    }
  }

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{words.heading}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          id={`${id}-new`}
          label={words.newPassword}
          type="password"
          autoComplete="new-password"
          hint={words.hint}
          value={newPassword}
          onChange={setNewPassword}
          error={fieldError}
          readOnly={saving}
        />
        <button type="submit" className="button-primary" aria-disabled={saving || undefined}>
          {saving ? words.saving : words.submit}
        </button>
      </form>
      <p role="status">{done}</p>
      <FormAlert message={failure} />
    </section>
  )
}
