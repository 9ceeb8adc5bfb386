import { StrictMode } from 'react'
import type { AuthClient } from 'silent-refresh'
import { AuthProvider } from 'silent-refresh/react'
import { App } from './App'

/** The app with its auth client: what main.tsx mounts and what the tests render. */
export function Root({ client }: { client: AuthClient }) {
  return (
    <StrictMode>
      <AuthProvider client={client}>
        <App />
      </AuthProvider>
    </StrictMode>
  )
}
