import { act } from '@testing-library/react'

/** The browser's connection as the app reads it: `navigator.onLine` and the window's `online`/`offline` events. */
export function network() {
  let online = true
  const set = (next: boolean) =>
    act(() => {
      online = next
      window.dispatchEvent(new Event(next ? 'online' : 'offline'))
    })
  return {
    install() {
      online = true
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online })
    },
    goOffline: () => set(false),
    goOnline: () => set(true),
    restore: () => delete (navigator as { onLine?: boolean }).onLine,
  }
}
