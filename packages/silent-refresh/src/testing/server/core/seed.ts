import type { Database } from './database'
import type { PasswordHash } from './passwords'

/** The demo account the README and the login page advertise. */
export const DEMO_USER = Object.freeze({ email: 'demo@example.com', password: 'demo-pass-123', name: 'Demo User' })

export const DEMO_USER_ID = '00000000-0000-4000-8000-000000000001'

const HOUR = 60 * 60 * 1000

const SEED_POSTS = [
  { hoursAgo: 50, title: 'Welcome to the board', body: 'Every request here carries a short-lived access token; the refresh cookie renews it silently.' },
  { hoursAgo: 26, title: 'Try the clock', body: 'Advance the mock clock by an hour and watch the next request refresh the token first.' },
  { hoursAgo: 2, title: 'Reuse detection', body: 'Presenting a rotated refresh token again revokes the whole session family.' },
]

export function seedDatabase(db: Database, options: { now: number; demoPassword: PasswordHash }): void {
  db.addUser({ id: DEMO_USER_ID, email: DEMO_USER.email, name: DEMO_USER.name, createdAt: options.now - 30 * 24 * HOUR, password: options.demoPassword })
  SEED_POSTS.forEach((post, index) => {
    db.addPost({
      id: `00000000-0000-4000-8000-0000000001${String(index).padStart(2, '0')}`,
      title: post.title,
      body: post.body,
      authorId: DEMO_USER_ID,
      createdAt: options.now - post.hoursAgo * HOUR,
    })
  })
}
