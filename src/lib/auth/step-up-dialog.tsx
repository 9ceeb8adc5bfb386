import { useEffect, useId, useRef, useState, useSyncExternalStore, type FormEvent, type KeyboardEvent } from 'react'
import { AuthRequestError } from 'silent-refresh'
import { useAuthClient } from 'silent-refresh/react'
import { useI18n } from '../../i18n'
import { useInertOutside } from '../use-inert-outside'
import type { OpenStepUp, StepUpPrompt } from './step-up-prompt'

/** Keeps Tab and Shift+Tab inside the dialog (it is modal). */
function trapTab(event: KeyboardEvent<HTMLElement>): void {
  const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>('input:not([disabled]), button:not([disabled])')]
  if (focusable.length === 0) return
  const first = focusable[0]!
  const last = focusable[focusable.length - 1]!
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault()
    first.focus()
  }
}

/**
 * "Confirm it's you" (step-up, RFC 9470): mounted once by the auth provider, opened by the client's `onStepUp` whenever
 * a sensitive request needs the person to re-verify (however many requests wait, one dialog). A modal dialog, the page
 * behind it inert, focus on the password field and back where it was on close; Escape cancels. A wrong password is said
 * inside the dialog and the requests keep waiting; on success the dialog closes and they complete.
 */
export function StepUpDialog({ prompt }: { prompt: StepUpPrompt }) {
  const open = useSyncExternalStore(prompt.subscribe, prompt.current, prompt.current)
  if (!open) return null
  return <ConfirmDialog key={String(open.maxAge)} open={open} />
}

function ConfirmDialog({ open }: { open: OpenStepUp }) {
  const client = useAuthClient()
  const { t } = useI18n()
  const words = t.stepUp
  const id = useId()
  const backdrop = useRef<HTMLDivElement>(null)
  const field = useRef<HTMLInputElement>(null)
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useInertOutside(backdrop)
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    field.current?.focus()
    return () => {
      if (before?.isConnected) before.focus()
    }
  }, [])

  async function confirm(event: FormEvent) {
    event.preventDefault()
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      await client.reauthenticate({ password })
      open.confirmed()
    } catch (failure) {
      const tooMany = failure instanceof AuthRequestError && failure.code === 'too_many_attempts'
      const wrong = failure instanceof AuthRequestError && failure.code === 'invalid_credentials'
      setError(tooMany ? words.tooMany(failure.retryAfterSeconds ?? 60) : wrong ? words.wrongPassword : words.failed)
      setPassword('')
      setBusy(false)
      field.current?.focus()
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Tab') trapTab(event)
    if (event.key === 'Escape') {
      event.stopPropagation()
      open.cancelled()
    }
  }

  return (
    <div className="modal-backdrop" ref={backdrop}>
      <div role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`} className="modal" onKeyDown={onKeyDown}>
        <h2 id={`${id}-title`}>{words.title}</h2>
        <p id={`${id}-body`}>{words.body}</p>
        <form onSubmit={(event) => void confirm(event)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-password`}>{words.password}</label>
            <input
              ref={field}
              id={`${id}-password`}
              type="password"
              autoComplete="current-password"
              value={password}
              readOnly={busy}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          {error && (
            <p id={`${id}-error`} role="alert" className="notice notice-error">
              {error}
            </p>
          )}
          <div className="modal-actions">
            <button type="submit" className="button-primary" aria-disabled={busy || undefined}>
              {busy ? words.confirming : words.confirm}
            </button>
            <button type="button" onClick={open.cancelled}>
              {words.cancel}
            </button>
          </div>
        </form>
      </div>
    </div>
  )
}
