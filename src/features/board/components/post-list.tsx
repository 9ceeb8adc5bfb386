import { formatClockOffset, useMockClockOffset } from '../../../lib/mock-clock-offset'
import type { Post } from '../api/post'
import { useI18n } from '../../../i18n'

/** Posts as text (React escapes it: a post's HTML is shown, never run). */
export function PostList({ posts }: { posts: Post[] }) {
  const clockOffset = useMockClockOffset()
  const { t, formatDate, locale } = useI18n()
  if (posts.length === 0) return <p>{t.board.noPosts}</p>
  const offsetNote = clockOffset === 0 ? null : t.board.mockClock(formatClockOffset(clockOffset, locale))
  return (
    <ol className="posts" aria-label={t.board.postsList}>
      {posts.map((post) => (
        <li key={post.id}>
          <article className="post" aria-labelledby={`post-${post.id}`}>
            <h3 id={`post-${post.id}`}>{post.title}</h3>
            {post.body && <p className="post-body">{post.body}</p>}
            <p className="post-meta">
              {post.author.name} · <time dateTime={post.createdAt}>{formatDate(post.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}</time>
              {offsetNote && <span className="clock-offset">{offsetNote}</span>}
            </p>
          </article>
        </li>
      ))}
    </ol>
  )
}
