import type { AxiosInstance } from 'axios'
import type { Post } from './post'

/**
 * Creates a post. The same `idempotencyKey` sent again (a retry of the same submission)
 * returns the first post instead of creating another.
 */
export async function createPost(
  http: AxiosInstance,
  input: { title: string; body: string },
  idempotencyKey: string,
): Promise<Post> {
  const response = await http.post<Post>('/posts', input, { headers: { 'Idempotency-Key': idempotencyKey } })
  return response.data
}
