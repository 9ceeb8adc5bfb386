import { lazy, Suspense } from 'react'

// Mock mode only: in a production build the condition is false and the import disappears with it.
const SessionInspector =
  import.meta.env.DEV && import.meta.env.VITE_MOCK_WORKER === 'on'
    ? lazy(() => import('../features/inspector').then((module) => ({ default: module.SessionInspector })))
    : null

export function InspectorSlot() {
  if (!SessionInspector) return null
  return (
    <Suspense fallback={null}>
      <SessionInspector />
    </Suspense>
  )
}
