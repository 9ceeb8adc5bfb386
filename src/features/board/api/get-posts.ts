import type { AxiosInstance } from 'axios'
import type { Post } from './post'

/** Every post, newest first. */
export async function getPosts(http: AxiosInstance, signal?: AbortSignal): Promise<Post[]> {
  const response = await http.get<Post[]>('/posts', { signal })
  return response.data
}
