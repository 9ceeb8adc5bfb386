import type { AxiosInstance } from 'axios'
import type { User } from 'silent-refresh'

/** The signed-in user, from `GET /api/me`. */
export async function getMe(http: AxiosInstance, signal?: AbortSignal): Promise<User> {
  const response = await http.get<User>('/me', { signal })
  return response.data
}
