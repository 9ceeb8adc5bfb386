import { useEffect, useId, useRef, type KeyboardEvent } from 'react'
import { useNavigate } from 'react-router-dom'
import { useI18n } from '../../../i18n'
import { useInertOutside } from '../../../lib/use-inert-outside'
import { useSessionWarning } from '../use-session-warning'
import { endTimeInWords, timeLeftInWords } from '../warning-timing'

/** Keeps Tab and Shift+Tab on the dialog's buttons (it is modal). */
function trapTab(event: KeyboardEvent<HTMLElement>): void {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not([disabled])')]
  if (buttons.length === 0) return
  const first = buttons[0]!
  const last = buttons[buttons.length - 1]!
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault()
    first.focus()
  }
}

/**
 * The warning before the session ends: a modal alert dialog, the page behind it inert. Focus moves to its first
 * button and returns where it was when it closes. Escape is the safe answer: "Stay signed in" (or "OK" once the end cannot move), never a
 * sign-out by accident.
 */
export function SessionWarning() {
  const warning = useSessionWarning()
  if (!warning.open || warning.endsAt === null) return null
  return <WarningDialog warning={warning} endsAt={warning.endsAt} />
}

function WarningDialog({ warning, endsAt }: { warning: ReturnType<typeof useSessionWarning>; endsAt: number }) {
  const { t, locale } = useI18n()
  const navigate = useNavigate()
  const id = useId()
  const primary = useRef<HTMLButtonElement>(null)
  const backdrop = useRef<HTMLDivElement>(null)
  const final = warning.mode === 'final'

  useInertOutside(backdrop)
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    primary.current?.focus()
    return () => {
      if (before?.isConnected) before.focus()
    }
  }, [])
  // The buttons change with the mode: focus stays inside.
  useEffect(() => {
    if (!primary.current?.contains(document.activeElement)) primary.current?.focus()
  }, [final])

  const at = endTimeInWords(endsAt, locale)
  const words = t.sessionWarning
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Tab') trapTab(event)
    if (event.key !== 'Escape') return
    event.stopPropagation()
    if (final) warning.acknowledge()
    else if (!warning.staying) warning.stay()
  }
  async function signOut() {
    await warning.signOut()
    navigate('/login', { replace: true })
  }

  return (
    <div className="modal-backdrop" ref={backdrop}>
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        className="modal"
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`}>{final ? words.finalTitle : words.title}</h2>
        <p id={`${id}-body`}>
          {final ? words.finalBody(at) : words.body(timeLeftInWords(endsAt - warning.now, locale), at)}
        </p>
        {warning.stayFailed && !final && (
          <p role="alert" className="notice notice-error">
            {words.stayFailed}
          </p>
        )}
        <div className="modal-actions">
          {final ? (
            <button ref={primary} type="button" className="button-primary" onClick={warning.acknowledge}>
              {words.ok}
            </button>
          ) : (
            <button ref={primary} type="button" className="button-primary" onClick={warning.staying ? undefined : warning.stay} aria-disabled={warning.staying || undefined}>
              {warning.staying ? words.staying : words.stay}
            </button>
          )}
          <button type="button" onClick={signOut}>
            {words.signOut}
          </button>
        </div>
      </div>
    </div>
  )
}
