import { lazy } from 'react'

import { loadAuth, loadBoard, loadProfile } from './route-chunks'

export const LoginPage = lazy(() => loadAuth().then((m) => ({ default: m.LoginPage })))
export const SignupPage = lazy(() => loadAuth().then((m) => ({ default: m.SignupPage })))
export const ProfilePage = lazy(() => loadProfile().then((m) => ({ default: m.ProfilePage })))
export const BoardPage = lazy(() => loadBoard().then((m) => ({ default: m.BoardPage })))

/**
 * Once someone is signed in, fetches the pages they can reach, so a click on the navigation never waits
 * for code (a failure here is ignored: the route itself loads again and shows the error page if it must).
 */
export function prefetchSignedInPages(): void {
  void Promise.all([loadProfile(), loadBoard()]).catch(() => {})
}
