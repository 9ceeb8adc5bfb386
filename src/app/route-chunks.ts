// One chunk per feature: /login loads the auth pages only, never the board's or the profile's code.
// No React here: the page's first module imports this to start the current route's chunk with the restore.
import { SIGNED_IN_PATHS } from './app-paths'

export const loadAuth = () => import('../features/auth')
export const loadProfile = () => import('../features/profile')
export const loadBoard = () => import('../features/board')

const CHUNK_FOR_PATH: Record<string, () => Promise<unknown>> = {
  '/login': loadAuth,
  '/signup': loadAuth,
  '/profile': loadProfile,
  '/board': loadBoard,
}

/**
 * Starts loading the chunk of the page the person will see at `pathname` (`/` is the profile; without a session
 * hint a signed-in page is the login page), so route code, CSS and the restore's request travel together instead
 * of one after the other. A failure is ignored here: the route loads again and shows its error page if it must.
 */
export function preloadRouteChunk(pathname: string, mayHaveSession: boolean): void {
  const path = pathname.replace(/(.)\/+$/, '$1')
  const load = SIGNED_IN_PATHS.has(path) && !mayHaveSession ? loadAuth : path === '/' ? loadProfile : CHUNK_FOR_PATH[path]
  void load?.().catch(() => undefined)
}
