/** A post as `GET /api/posts` and `POST /api/posts` answer it. */
export interface Post {
  id: string
  title: string
  body: string
  author: { id: string; name: string }
  createdAt: string
}
