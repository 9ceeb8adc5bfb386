import { defaultProfile, type BackendProfile } from 'silent-refresh'

/**
 * How this app's backend speaks (docs/backend.md): the one file to change for another backend — its auth endpoints,
 * its token answers, which answers mean "refresh and replay" and "the session is over". The client uses it, and so
 * does the mock the app develops against. Ours is this project's contract. With another backend, give src/main.ts's
 * `startRefreshEarly` the profile's refresh endpoint and auth headers too (`refreshURL`, `headers`): the first module
 * stays small by not importing the profile, and the client refuses a start-up answer from another endpoint.
 *
 * @example
 * // A typical Express backend instead (examples/express-typical/profile.ts):
 * export { default } from '../examples/express-typical/profile'
 */
const backend: BackendProfile = defaultProfile

export default backend
