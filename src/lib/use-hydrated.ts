import { useSyncExternalStore } from 'react'

const never = () => () => undefined

/**
 * False while React hydrates HTML prerendered at build time (and in that HTML itself), true once React drives the
 * page. A form prerendered into the HTML is shown at once but takes input only when it works: before that a typed
 * value would be lost at hydration and a native submit would send the fields in the URL.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(never, () => true, () => false)
}
