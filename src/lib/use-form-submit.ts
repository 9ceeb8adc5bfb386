import { useRef, useState, type FormEvent, type RefObject } from 'react'
import { useI18n, type Message } from '../i18n'
import { serverFieldMessages } from './describe-request-error'
import { hasErrors, inWords, type FieldErrors, type FieldMessages } from './field-errors'
import { focusFirstInvalid } from './focus-first-invalid'

export interface FormSubmitOptions<Field extends string> {
  /** The form's field errors, checked before anything is sent. */
  validate(): FieldMessages<Field>
  /** Sends the form; a rejection becomes `serverError` through `describeError`. */
  submit(): Promise<void>
  /** The words for a failed submit, or null to show none (e.g. when the route moves on by itself). */
  describeError(error: unknown): Message | null
  /**
   * The form's fields by the names the server gives them: a refusal (400) that names one is shown at that field, in
   * the app's words, and focus goes there; the alert is left out when every problem found its field.
   */
  fields?: readonly Field[]
}

export interface FormSubmit<Field extends string> {
  formRef: RefObject<HTMLFormElement>
  /** In the current language (kept as messages: a language switch re-words them). */
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
  const { t, locale } = useI18n()
  const formRef = useRef<HTMLFormElement>(null)
  const inFlight = useRef(false)
  const [errors, setErrors] = useState<FieldMessages<Field>>({})
  const [serverError, setServerError] = useState<{ message: Message | null }>({ message: null })
  const [pending, setPending] = useState(false)

  async function send() {
    inFlight.current = true
    setPending(true)
    try {
      await options.submit()
    } catch (error) {
      const fromServer = options.fields ? serverFieldMessages(error, options.fields) : null
      if (fromServer && hasErrors(fromServer.fields)) {
        setErrors(fromServer.fields)
        focusFirstInvalid(formRef.current)
      }
      if (!fromServer?.complete) setServerError({ message: options.describeError(error) })
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
    setServerError({ message: null })
    if (hasErrors(found)) {
      focusFirstInvalid(formRef.current)
      return
    }
    void send()
  }

  return { formRef, errors: inWords(errors, t, locale), serverError: serverError.message?.(t, locale) ?? null, pending, handleSubmit }
}
