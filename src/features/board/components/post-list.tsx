import { formatClockOffset, useMockClockOffset } from '../../../lib/mock-clock-offset'
import type { Post } from '../api/post'

const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' })

/** Posts as text (React escapes it: a post's HTML is shown, never run). */
export function PostList({ posts }: { posts: Post[] }) {
  const clockOffset = useMockClockOffset()
  if (posts.length === 0) return <p>No posts yet. Write the first one.</p>
  return (
    <ol className="posts" aria-label="Posts">
      {posts.map((post) => (
        <li key={post.id}>
          <article className="post" aria-labelledby={`post-${post.id}`}>
            <h3 id={`post-${post.id}`}>{post.title}</h3>
            {post.body && <p className="post-body">{post.body}</p>}
            <p className="post-meta">
              {post.author.name} · <time dateTime={post.createdAt}>{timeFormat.format(new Date(post.createdAt))}</time>
              {clockOffset !== 0 && <span className="clock-offset"> (mock server clock {formatClockOffset(clockOffset)})</span>}
            </p>
          </article>
        </li>
      ))}
    </ol>
  )
}
