import { useCallback, useState } from 'react'
import { useAuthClient } from '../../../lib/auth'
import { RequestError } from '../../../lib/components/request-error'
import { useRequest } from '../../../lib/use-request'
import { useSession } from '../../../state'
import { getPosts } from '../api/get-posts'
import type { Post } from '../api/post'
import { useLivePosts } from '../live/use-live-posts'
import { PostForm } from './post-form'
import { PostList } from './post-list'
import { PageHeading } from '../../../lib/components/page-heading'
import { useI18n } from '../../../i18n'

export function BoardPage() {
  const client = useAuthClient()
  const { t } = useI18n()
  const { user } = useSession()
  const load = useCallback((signal: AbortSignal) => getPosts(client.http, signal), [client])
  const { state, reload, update } = useRequest(load)
  const addPost = useCallback(
    (post: Post) => update((posts) => [post, ...posts.filter((p) => p.id !== post.id)]),
    [update],
  )
  // Posts made elsewhere (another person, another device) arrive by themselves; each is said once, politely.
  const [arrived, setArrived] = useState<Post | null>(null)
  const addLivePost = useCallback(
    (post: Post) => {
      addPost(post)
      if (post.author.id !== user?.id) setArrived(post)
    },
    [addPost, user?.id],
  )
  const since = state.status === 'success' ? (state.data[0]?.id ?? '') : null
  const live = useLivePosts(since, addLivePost)
  return (
    <div className="board">
      <PageHeading>{t.board.title}</PageHeading>
      {user && <PostForm userId={user.id} onCreated={addPost} />}
      <section aria-labelledby="posts-heading">
        <h2 id="posts-heading">{t.board.latestPosts}</h2>
        {live && live !== 'closed' && <p className="field-hint live-status">{t.board.live[live]}</p>}
        <p role="status" className="visually-hidden">
          {arrived && t.board.live.arrived(arrived.author.name, arrived.title)}
        </p>
        {state.status === 'loading' && <p role="status">{t.board.loadingPosts}</p>}
        {state.status === 'error' && <RequestError error={state.error} onRetry={reload} />}
        {state.status === 'success' && <PostList posts={state.data} />}
      </section>
    </div>
  )
}
