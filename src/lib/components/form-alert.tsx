/** A form's error from the server, announced as soon as it appears. */
export function FormAlert({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <p role="alert" className="notice notice-error">
      {message}
    </p>
  )
}
