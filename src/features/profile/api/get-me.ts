import type { AxiosInstance } from 'axios'
import type { User } from 'silent-refresh'

/** The demo API's user (`GET /api/me`): always with the date the account was made. */
export type Me = User & { createdAt: string }

/** The signed-in user, from `GET /api/me`. */
export async function getMe(http: AxiosInstance, signal?: AbortSignal): Promise<Me> {
  const response = await http.get<Me>('/me', { signal })
  return response.data
}
