import type { AxiosInstance } from 'axios'

/** One login of the signed-in person, as `GET /api/auth/sessions` lists it. */
export interface Device {
  /** The login's id (the access token's `sid`). */
  id: string
  /** This browser's own login. */
  current: boolean
  createdAt: string
  lastUsedAt: string
  browser: string | null
  os: string | null
}

/** Every login of the signed-in person that can still be used, this one first. */
export async function getDevices(http: AxiosInstance, signal?: AbortSignal): Promise<Device[]> {
  const response = await http.get<{ sessions: Device[] }>('/auth/sessions', { signal })
  return response.data.sessions
}

/** Ends another login at once (its access tokens die with it). 404 when it is unknown or already over. */
export async function signOutDevice(http: AxiosInstance, id: string): Promise<void> {
  await http.delete(`/auth/sessions/${encodeURIComponent(id)}`)
}

/** Ends every login but this one; resolves to how many ended. */
export async function signOutOtherDevices(http: AxiosInstance): Promise<number> {
  const response = await http.post<{ signedOut: number }>('/auth/sessions/sign-out-others')
  return response.data.signedOut
}
