import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

async function startMockWorker(): Promise<void> {
  if (import.meta.env.DEV && import.meta.env.VITE_MOCK_WORKER === 'on') {
    const { startBrowserMock } = await import('../mocks/browser')
    await startBrowserMock()
  }
}

function App() {
  return (
    <main>
      <h1>Silent refresh</h1>
      <p>The app shell. Screens arrive with the next issues.</p>
    </main>
  )
}

void startMockWorker().then(() => {
  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root element')
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
})
