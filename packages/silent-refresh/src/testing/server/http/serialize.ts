import type { Database, PostRecord, UserRecord } from '../core/database'

export function userJson(user: UserRecord) {
  return { id: user.id, email: user.email, name: user.name, createdAt: new Date(user.createdAt).toISOString() }
}

export function postJson(post: PostRecord, db: Database) {
  const author = db.findUser(post.authorId)
  return {
    id: post.id,
    title: post.title,
    body: post.body,
    author: { id: post.authorId, name: author?.name ?? '' },
    createdAt: new Date(post.createdAt).toISOString(),
  }
}
