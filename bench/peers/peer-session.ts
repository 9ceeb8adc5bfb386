import axios, { type AxiosAdapter, type AxiosInstance } from 'axios'

/**
 * What every peer gets, written as their READMEs and blog posts write it but with the same refresh
 * request as ours: the access token in memory, attached by a request interceptor, and a separate
 * axios instance (cookie, `X-Requested-With`, current access token) for login and refresh.
 */
export interface PeerSession {
  http: AxiosInstance
  token: { current: string | null }
  /** `POST /auth/refresh`; stores and returns the new access token, rejects as axios does. */
  refresh(): Promise<string>
  login(credentials: { email: string; password: string }): Promise<void>
}

export function createPeerSession(baseURL: string, adapter: AxiosAdapter): PeerSession {
  const token = { current: null as string | null }
  const authHttp = axios.create({
    baseURL,
    adapter,
    withCredentials: true,
    headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' },
  })
  const http = axios.create({ baseURL, adapter })
  http.interceptors.request.use((config) => {
    if (token.current) config.headers.set('Authorization', `Bearer ${token.current}`)
    return config
  })
  return {
    http,
    token,
    async refresh() {
      const headers = token.current ? { Authorization: `Bearer ${token.current}` } : {}
      const { data } = await authHttp.post<{ accessToken: string }>('/auth/refresh', {}, { headers })
      token.current = data.accessToken
      return data.accessToken
    },
    async login(credentials) {
      const { data } = await authHttp.post<{ accessToken: string }>('/auth/login', credentials)
      token.current = data.accessToken
    },
  }
}
