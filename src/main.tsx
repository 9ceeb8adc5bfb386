import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import { AppProviders, AppRoutes } from './app'
import './styles.css'

async function startMockWorker(): Promise<void> {
  if (import.meta.env.DEV && import.meta.env.VITE_MOCK_WORKER === 'on') {
    const { startBrowserMock } = await import('../mocks/browser')
    await startBrowserMock()
  }
}

void startMockWorker().then(() => {
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root element')
  createRoot(root).render(
    <StrictMode>
      <AppProviders>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProviders>
    </StrictMode>,
  )
})
