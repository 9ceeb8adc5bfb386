import type { BackendProfile } from 'silent-refresh'
import oauthTokenEndpoint from './profile'

/**
 * The OAuth token endpoint of `profile.ts`, with a user endpoint that names its fields otherwise: `GET /oauth/userinfo`
 * answers `{ data: { user_id, first_name, last_name, email_address, … } }` instead of OpenID Connect's
 * `{ sub, email, name }`. `readUserResponse` reads it; `mock.userAnswer` makes the testing kit write it. `server.ts`
 * answers that way when started with `{ userinfo: writeWrappedUserinfo }`.
 */
interface WrappedUser {
  user_id: string | number
  first_name: string
  last_name: string
  email_address: string
  [field: string]: unknown
}

const splitName = (name: string) => ({ first_name: name.split(' ')[0] ?? '', last_name: name.split(' ').slice(1).join(' ') })

/** How server.ts writes the wrapped userinfo: its `sub` `user-7` as the number 7, the name split in two. */
export const writeWrappedUserinfo = ({ sub, email, name }: { sub: string; email: string; name: string }) => ({
  data: { user_id: Number(sub.replace('user-', '')), ...splitName(name), email_address: email, locale: 'en-GB' },
})

const wrappedUserinfo: BackendProfile = {
  ...oauthTokenEndpoint,
  readUserResponse(body) {
    const { user_id, first_name, last_name, email_address, ...rest } = (body as { data: WrappedUser }).data
    return { ...rest, id: user_id, email: email_address, name: [first_name, last_name].filter(Boolean).join(' ') }
  },
  mock: {
    ...oauthTokenEndpoint.mock,
    userAnswer: ({ id, email, name, createdAt }) => ({ data: { user_id: id, ...splitName(name), email_address: email, joined_at: createdAt } }),
  },
}

export default wrappedUserinfo
