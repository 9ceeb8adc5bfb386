import type { ChangeEvent } from 'react'

export interface TextFieldProps {
  id: string
  label: string
  value: string
  onChange(value: string): void
  error?: string | undefined
  hint?: string
  type?: 'text' | 'email' | 'password'
  autoComplete?: string
  multiline?: boolean
  disabled?: boolean
}

/** A labelled input (or textarea) whose error, when there is one, is tied to it for screen readers. */
export function TextField({ id, label, value, onChange, error, hint, type = 'text', autoComplete, multiline, disabled }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  const common = {
    id,
    name: id,
    value,
    disabled,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(event.target.value),
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {multiline ? <textarea {...common} rows={6} /> : <input {...common} type={type} autoComplete={autoComplete} />}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}
