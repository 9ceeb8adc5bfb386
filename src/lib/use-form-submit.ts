import { useRef, useState, type FormEvent, type RefObject } from 'react'
import { hasErrors, type FieldErrors } from './field-errors'
import { focusFirstInvalid } from './focus-first-invalid'

export interface FormSubmitOptions<Field extends string> {
  /** The form's field errors, checked before anything is sent. */
  validate(): FieldErrors<Field>
  /** Sends the form; a rejection becomes `serverError` through `describeError`. */
  submit(): Promise<void>
  /** The words for a failed submit, or null to show none (e.g. when the route moves on by itself). */
  describeError(error: unknown): string | null
}

export interface FormSubmit<Field extends string> {
  formRef: RefObject<HTMLFormElement>
  errors: FieldErrors<Field>
  serverError: string | null
  pending: boolean
  handleSubmit(event: FormEvent): void
}

/**
 * A form's submit cycle: validate, move focus to the first invalid field, send at most once at a time
 * (a second click while pending does nothing), and keep the pending state and the server's error.
 */
export function useFormSubmit<Field extends string>(options: FormSubmitOptions<Field>): FormSubmit<Field> {
  const formRef = useRef<HTMLFormElement>(null)
  const inFlight = useRef(false)
  const [errors, setErrors] = useState<FieldErrors<Field>>({})
  const [serverError, setServerError] = useState<string | null>(null)
  const [pending, setPending] = useState(false)

  async function send() {
    inFlight.current = true
    setPending(true)
    try {
      await options.submit()
    } catch (error) {
      setServerError(options.describeError(error))
    } finally {
      inFlight.current = false
      setPending(false)
    }
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault()
    if (inFlight.current) return
    const found = options.validate()
    setErrors(found)
    setServerError(null)
    if (hasErrors(found)) {
      focusFirstInvalid(formRef.current)
      return
    }
    void send()
  }

  return { formRef, errors, serverError, pending, handleSubmit }
}
