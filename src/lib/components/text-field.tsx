import type { ChangeEvent } from 'react'
import { CharacterCount } from './character-count'

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
  /** Kept while a submit is pending: the value can be read and focused but not changed. */
  readOnly?: boolean
  /** The contract's limit: enforced by the field and shown by a live counter. */
  maxLength?: number
}

/** A labelled input (or textarea) whose error, when there is one, is tied to it for screen readers. */
export function TextField(props: TextFieldProps) {
  const { id, label, value, onChange, error, hint, type = 'text', autoComplete, multiline, disabled, readOnly, maxLength } = props
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const countId = maxLength ? `${id}-count` : undefined
  const describedBy = [hintId, countId, errorId].filter(Boolean).join(' ') || undefined
  const common = {
    id,
    name: id,
    value,
    disabled,
    readOnly,
    maxLength,
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
      {countId && maxLength && <CharacterCount id={countId} value={value} max={maxLength} />}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}
