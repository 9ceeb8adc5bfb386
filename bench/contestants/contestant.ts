import type { AxiosAdapter, AxiosInstance } from 'axios'

/** What every contestant is given: the same API, transport and client clock. */
export interface ContestantEnv {
  baseURL: string
  /** The transport for every request, the refresh included. */
  adapter: AxiosAdapter
  /** The client's clock (ms). Only a client that reads token expiry uses it. */
  now: () => number
}

/** One signed-in app as a contestant sets it up: an axios instance for API calls and the session it holds. */
export interface ContestantSession {
  http: AxiosInstance
  login(credentials: { email: string; password: string }): Promise<void>
  /** Whether the app still believes it is signed in (it has not logged the user out). */
  signedIn(): boolean
  dispose(): void
}

export interface Contestant {
  /** Short label for table columns. */
  name: string
  /** One line: what it is and how it was configured. */
  description: string
  create(env: ContestantEnv): ContestantSession
}
