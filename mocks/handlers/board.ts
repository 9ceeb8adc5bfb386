import { http } from 'msw'
import { authenticate, invalidToken } from '../../packages/silent-refresh/src/testing/server/http/authenticate'
import { invalidRequest } from '../../packages/silent-refresh/src/testing/server/http/api-error'
import { createFieldCheck, length } from '../../packages/silent-refresh/src/testing/server/http/fields'
import { readJsonObject } from '../../packages/silent-refresh/src/testing/server/http/json-body'
import { apiErrorResponse, json } from '../../packages/silent-refresh/src/testing/server/http/responses'
import { postJson } from '../../packages/silent-refresh/src/testing/server/http/serialize'
import type { EndpointOptions } from '../../packages/silent-refresh/src/testing/server/http/endpoint'
import type { HandlerDeps } from '../../packages/silent-refresh/src/testing/server/handlers/deps'

const MAX_TITLE = 200
const MAX_BODY = 10_000
const MAX_KEY = 255

const postsEndpoint: EndpointOptions = {
  name: 'posts',
  path: '/api/posts',
  failable: 'posts',
  injected401: () => apiErrorResponse(invalidToken('The access token is refused (injected by failNext)')),
}

function idempotencyKey(request: Request): string | undefined {
  const key = request.headers.get('idempotency-key')?.trim()
  if (key === undefined) return undefined
  if (key === '' || key.length > MAX_KEY) throw invalidRequest(`Idempotency-Key must be 1 to ${MAX_KEY} characters`)
  return key
}

/** The board service: posts, newest first; creation is idempotent per user and `Idempotency-Key`. */
export function boardHandlers({ endpoint }: HandlerDeps) {
  return [
    http.get(
      '*/api/posts',
      endpoint(postsEndpoint, async ({ request, state, now }) => {
        await authenticate(request, state, now)
        return json(state.db.listPosts().map((post) => postJson(post, state.db)))
      }),
    ),
    http.post(
      '*/api/posts',
      endpoint(postsEndpoint, async ({ request, state, now }) => {
        const { user } = await authenticate(request, state, now)
        const key = idempotencyKey(request)
        const body = await readJsonObject(request)
        const earlier = key === undefined ? undefined : state.db.findPostByIdempotencyKey(user.id, key)
        if (earlier) return json(postJson(earlier, state.db), 200)

        const fields = createFieldCheck(body)
        const title = fields.string('title')?.trim()
        const text = fields.string('body')
        if (title !== undefined) {
          fields.check(title !== '', 'title must not be empty')
          fields.check(length(title) <= MAX_TITLE, `title must be at most ${MAX_TITLE} characters`)
        }
        if (text !== undefined) fields.check(length(text) <= MAX_BODY, `body must be at most ${MAX_BODY} characters`)
        fields.done()

        const post = { id: crypto.randomUUID(), title: title!, body: text!, authorId: user.id, createdAt: now }
        state.db.addPost(post, key)
        state.stats.postsCreated++
        return json(postJson(post, state.db), 201)
      }),
    ),
  ]
}
