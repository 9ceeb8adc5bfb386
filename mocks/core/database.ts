import type { PasswordHash } from './passwords'

export interface UserRecord {
  id: string
  email: string
  name: string
  createdAt: number
  password: PasswordHash
}

export type RefreshTokenStatus = 'active' | 'used' | 'revoked'

/** A refresh token as the server keeps it: looked up by the SHA-256 of its jti, never the token itself. */
export interface RefreshTokenRecord {
  jtiHash: string
  familyId: string
  userId: string
  status: RefreshTokenStatus
  /** Epoch seconds: the family's expiry, shared by every rotation. */
  expiresAt: number
}

export interface PostRecord {
  id: string
  title: string
  body: string
  authorId: string
  createdAt: number
}

/** Plain JSON: what the browser mock keeps in storage. */
export interface DatabaseSnapshot {
  users: UserRecord[]
  refreshTokens: RefreshTokenRecord[]
  /** Oldest first. */
  posts: PostRecord[]
  idempotencyKeys: Array<[string, string]>
  loginFailures: Array<[string, number[]]>
}

export const emailKey = (email: string): string => email.toLowerCase()

const idempotencyKey = (userId: string, key: string) => `${userId}\n${key}`

export type Database = ReturnType<typeof createDatabase>

/** The mock's one database. Every method is synchronous, so a check and its write cannot interleave with another request. */
export function createDatabase(snapshot?: DatabaseSnapshot) {
  const users = new Map<string, UserRecord>()
  const userIdsByEmail = new Map<string, string>()
  const refreshTokens = new Map<string, RefreshTokenRecord>()
  const posts: PostRecord[] = []
  const idempotencyKeys = new Map<string, string>()
  const loginFailures = new Map<string, number[]>()

  function addUser(user: UserRecord): void {
    users.set(user.id, user)
    userIdsByEmail.set(emailKey(user.email), user.id)
  }

  if (snapshot) {
    snapshot.users.forEach(addUser)
    for (const record of snapshot.refreshTokens) refreshTokens.set(record.jtiHash, record)
    posts.push(...snapshot.posts)
    for (const [key, postId] of snapshot.idempotencyKeys) idempotencyKeys.set(key, postId)
    for (const [key, times] of snapshot.loginFailures) loginFailures.set(key, times)
  }

  return {
    addUser,
    findUser: (id: string) => users.get(id),
    findUserByEmail(email: string): UserRecord | undefined {
      const id = userIdsByEmail.get(emailKey(email))
      return id === undefined ? undefined : users.get(id)
    },

    addRefreshToken(record: RefreshTokenRecord): void {
      refreshTokens.set(record.jtiHash, record)
    },
    findRefreshToken: (jtiHash: string) => refreshTokens.get(jtiHash),
    /** Revokes every token of a family; false when none was still usable. */
    revokeFamily(familyId: string): boolean {
      let changed = false
      for (const record of refreshTokens.values()) {
        if (record.familyId === familyId && record.status !== 'revoked') {
          record.status = 'revoked'
          changed = true
        }
      }
      return changed
    },

    addPost(post: PostRecord, key?: string): void {
      posts.push(post)
      if (key !== undefined) idempotencyKeys.set(idempotencyKey(post.authorId, key), post.id)
    },
    findPostByIdempotencyKey(userId: string, key: string): PostRecord | undefined {
      const id = idempotencyKeys.get(idempotencyKey(userId, key))
      return id === undefined ? undefined : posts.find((post) => post.id === id)
    },
    /** Newest first; among equal times, the later insert first. */
    listPosts(): PostRecord[] {
      return posts
        .map((post, index) => ({ post, index }))
        .sort((a, b) => b.post.createdAt - a.post.createdAt || b.index - a.index)
        .map(({ post }) => post)
    },

    /** Failed logins for this email at or after `since` (epoch ms); older ones are forgotten. */
    recentLoginFailures(email: string, since: number): number[] {
      const recent = (loginFailures.get(emailKey(email)) ?? []).filter((time) => time >= since)
      if (recent.length > 0) loginFailures.set(emailKey(email), recent)
      else loginFailures.delete(emailKey(email))
      return recent
    },
    recordLoginFailure(email: string, at: number): void {
      loginFailures.set(emailKey(email), [...(loginFailures.get(emailKey(email)) ?? []), at])
    },
    clearLoginFailures(email: string): void {
      loginFailures.delete(emailKey(email))
    },

    snapshot(): DatabaseSnapshot {
      return structuredClone({
        users: [...users.values()],
        refreshTokens: [...refreshTokens.values()],
        posts,
        idempotencyKeys: [...idempotencyKeys],
        loginFailures: [...loginFailures],
      })
    },
  }
}
