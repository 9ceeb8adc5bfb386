import { createAttemptLimiter, type LimiterEntries } from './limiter'
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

/** One login: the refresh tokens it rotated through share it. */
export interface FamilyRecord {
  id: string
  userId: string
  /** `ended`: its idle or absolute end passed. Neither comes back. */
  status: 'active' | 'revoked' | 'ended'
  /** Epoch seconds: the absolute end, 14 days from login; nothing moves it. */
  expiresAt: number
  /** Epoch ms (mock clock) of the login or the last successful refresh: where the idle lifetime counts from. */
  lastRefreshAt: number
  /** RFC 7638 thumbprint of the DPoP key the login was bound to. */
  jkt?: string
  /** Epoch ms (mock clock) of the login; absent in databases saved before devices were listed. */
  startedAt?: number
  /** Epoch ms (mock clock) of the login's last refresh or API request. */
  lastUsedAt?: number
  /** Epoch ms (mock clock) the person last proved it was them in this login (login, signup, reauthenticate): `auth_time`. */
  authTime?: number
  /** The `User-Agent` the login came with (cut to 512 characters), for the devices list's browser label. */
  userAgent?: string
  /** What re-issuing the current refresh token (identical value) within the reuse interval needs: a seed its `jti` is derived from with the signing key, never the `jti` itself. */
  current: { seed: string; jtiHash: string; iat: number }
  /** The token the current one replaced, and when (epoch ms): the one that may come again within the reuse interval. */
  previous?: { jtiHash: string; rotatedAt: number }
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
  families?: FamilyRecord[]
  /** Failed logins per SHA-256 of the email. */
  loginFailures: LimiterEntries
  /** Failed logins and refused signups per client address. */
  clientFailures?: LimiterEntries
}

const MINUTE = 60 * 1000
/** 5 failed logins per email within 15 minutes. */
export const EMAIL_LIMIT = { windowMs: 15 * MINUTE, max: 5, capacity: 10_000 }
/** 20 failed logins or refused signups per client address within 15 minutes. */
export const CLIENT_LIMIT = { windowMs: 15 * MINUTE, max: 20, capacity: 10_000 }

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
  const families = new Map<string, FamilyRecord>()
  const loginFailures = createAttemptLimiter(EMAIL_LIMIT, snapshot?.loginFailures)
  const clientFailures = createAttemptLimiter(CLIENT_LIMIT, snapshot?.clientFailures)

  function addUser(user: UserRecord): void {
    users.set(user.id, user)
    userIdsByEmail.set(emailKey(user.email), user.id)
  }

  if (snapshot) {
    snapshot.users.forEach(addUser)
    for (const record of snapshot.refreshTokens) refreshTokens.set(record.jtiHash, record)
    posts.push(...snapshot.posts)
    for (const [key, postId] of snapshot.idempotencyKeys) idempotencyKeys.set(key, postId)
    for (const family of snapshot.families ?? []) families.set(family.id, family)
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
    addFamily(family: FamilyRecord): void {
      families.set(family.id, family)
    },
    findFamily: (id: string) => families.get(id),
    /** Every family (login) of one user, in the order they began. */
    familiesOf: (userId: string): FamilyRecord[] => [...families.values()].filter((family) => family.userId === userId),
    /** Revokes a family and every token of it; false when it was revoked already. */
    revokeFamily(familyId: string): boolean {
      const family = families.get(familyId)
      let changed = family !== undefined && family.status !== 'revoked'
      if (family) family.status = 'revoked'
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
    /**
     * The posts added after the one with id `afterId`, in the order they were added (a live stream's backlog after
     * its `Last-Event-ID`); none when that post is unknown.
     */
    postsAddedAfter(afterId: string): PostRecord[] {
      const index = posts.findIndex((post) => post.id === afterId)
      return index === -1 ? [] : posts.slice(index + 1)
    },
    /** The id of the post added last, if any. */
    lastAddedPostId: (): string | undefined => posts.at(-1)?.id,
    /** Newest first; among equal times, the later insert first. */
    listPosts(): PostRecord[] {
      return posts
        .map((post, index) => ({ post, index }))
        .sort((a, b) => b.post.createdAt - a.post.createdAt || b.index - a.index)
        .map(({ post }) => post)
    },

    /** Failed logins per email (keyed by its hash). */
    loginFailures,
    /** Failed logins and refused signups per client address. */
    clientFailures,

    snapshot(): DatabaseSnapshot {
      return structuredClone({
        users: [...users.values()],
        refreshTokens: [...refreshTokens.values()],
        posts,
        idempotencyKeys: [...idempotencyKeys],
        families: [...families.values()],
        loginFailures: loginFailures.entries(),
        clientFailures: clientFailures.entries(),
      })
    },
  }
}
