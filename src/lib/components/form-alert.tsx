import { useEffect, useRef } from 'react'

/** A form's error from the server: announced as soon as it appears, and focused so focus never falls to `<body>`. */
export function FormAlert({ message }: { message: string | null }) {
  const ref = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (message) ref.current?.focus()
  }, [message])
  if (!message) return null
  return (
    <p ref={ref} role="alert" tabIndex={-1} className="notice notice-error">
      {message}
    </p>
  )
}
