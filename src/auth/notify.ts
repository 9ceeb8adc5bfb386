/** Runs a listener so that its exception surfaces (asynchronously) without breaking the client's own flow. */
export function notify(run: () => void): void {
  try {
    run()
  } catch (error) {
    queueMicrotask(() => {
      throw error
    })
  }
}
