import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import { AppProviders, AppRoutes } from './app'
import type { EarlyRestore } from './lib/auth/early-restore'

/** Renders the app around the auth client that src/main.ts made (its restore already under way). */
export function renderApp(early: EarlyRestore): void {
  // When the app's code had loaded and React took over (the reload bench and e2e read it).
  performance.mark('app:render')
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root element')
  createRoot(root).render(
    <StrictMode>
      <AppProviders early={early}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>,
  )
}
