import { createClock, type MockClock } from './clock'
import { createSeenProofs, type SeenProofs } from './dpop'
import { createRateCounter, type RateCounter } from './limiter'
import { DEFAULT_CONFIG, type MockConfig } from './config'
import { createDatabase, type Database, type DatabaseSnapshot } from './database'
import { createFailureQueue, type FailureQueue } from './failures'
import { hashPassword, type PasswordHash } from './passwords'
import { DEMO_USER, seedDatabase } from './seed'
import { createStats, type MockStats } from './stats'
import { createTokenKeys, importTokenKeys, type TokenKeys } from './tokens'

/** The subset of `Storage` the mock needs; `localStorage` in the browser. */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/** The storage key under which the browser mock keeps its database. */
export const MOCK_STORAGE_KEY = '__mock-db__'

export interface MockState {
  db: Database
  keys: TokenKeys
  config: MockConfig
  stats: MockStats
  failures: FailureQueue
  /** DPoP proof `jti`s seen lately (in memory only: a reload forgets them, and their nonces expire within 5 minutes). */
  seenProofs: SeenProofs
  /** DPoP proofs per client address per minute, counted before a proof is verified (in memory only). */
  proofRate: RateCounter
}

/** What survives a page reload: hashes only, plus the secret, clock offset and knobs that restore needs. */
interface PersistedMock {
  version: 1
  secret: string
  clockOffsetMs: number
  config: MockConfig
  stats: MockStats
  failures: FailureQueue
  db: DatabaseSnapshot
}

export interface MockRuntime {
  clock: MockClock
  /** The current state, once the first reset (or the restore from storage) is done. */
  state(): Promise<MockState>
  reset(): Promise<void>
  /** Saves the state to storage, when the mock has one. */
  persist(): void
  /** Resolves when `signal` aborts or the mock resets: how a `timeout` failure ends. */
  hangUntilReleased(signal: AbortSignal): Promise<void>
  /**
   * Calls `listener` after anything may have changed: every request an endpoint handled, every control (the clock
   * moved, a reset). Live streams check their token and send new posts then. Returns the function that stops.
   */
  onChange(listener: () => void): () => void
}

function parsePersisted(raw: string | null): PersistedMock | undefined {
  if (raw === null) return undefined
  try {
    const value = JSON.parse(raw) as Partial<PersistedMock> | null
    return value?.version === 1 && typeof value.secret === 'string' && value.db ? (value as PersistedMock) : undefined
  } catch {
    return undefined
  }
}

const createProofRate = () => createRateCounter({ windowMs: 60 * 1000, capacity: 10_000 })

export function createMockRuntime(options: { storage?: KeyValueStorage; config?: Partial<MockConfig> } = {}): MockRuntime {
  const { storage } = options
  /** What `reset()` goes back to: the defaults with the owner's overrides (the testing kit's options). */
  const initialConfig: MockConfig = { ...DEFAULT_CONFIG, ...options.config }
  const clock = createClock()
  const releases = new Set<() => void>()
  const changeListeners = new Set<() => void>()
  const changed = () => {
    for (const listener of [...changeListeners]) listener()
  }
  let demoPassword: Promise<PasswordHash> | undefined
  let lastSaved: string | null = null
  let current: Promise<MockState>

  async function freshState(): Promise<MockState> {
    demoPassword ??= hashPassword(DEMO_USER.password)
    const [keys, password] = await Promise.all([createTokenKeys(), demoPassword])
    clock.reset()
    const db = createDatabase()
    seedDatabase(db, { now: clock.now(), demoPassword: password })
    return { db, keys, config: { ...initialConfig }, stats: createStats(), failures: createFailureQueue(), seenProofs: createSeenProofs(), proofRate: createProofRate() }
  }

  async function restoredState(saved: PersistedMock): Promise<MockState> {
    clock.restore(saved.clockOffsetMs)
    return {
      db: createDatabase(saved.db),
      keys: await importTokenKeys(saved.secret),
      // The owner's overrides win over what was saved: a dialect without DPoP stays without it after a switch.
      config: { ...DEFAULT_CONFIG, ...saved.config, ...options.config },
      stats: { ...createStats(), ...saved.stats },
      failures: { ...createFailureQueue(), ...saved.failures },
      seenProofs: createSeenProofs(),
      proofRate: createProofRate(),
    }
  }

  function serialize(state: MockState): string {
    const { keys, config, stats, failures, db } = state
    const persisted: PersistedMock = { version: 1, secret: keys.secret, clockOffsetMs: clock.offsetMs(), config, stats, failures, db: db.snapshot() }
    return JSON.stringify(persisted)
  }

  function write(state: MockState): void {
    if (!storage) return
    lastSaved = serialize(state)
    storage.setItem(MOCK_STORAGE_KEY, lastSaved)
  }

  async function save(state: Promise<MockState>): Promise<MockState> {
    const resolved = await state
    write(resolved)
    return resolved
  }

  const initial = storage ? parsePersisted(storage.getItem(MOCK_STORAGE_KEY)) : undefined
  current = initial ? restoredState(initial).catch(() => save(freshState())) : save(freshState())
  if (initial && storage) lastSaved = storage.getItem(MOCK_STORAGE_KEY)

  return {
    clock,
    state() {
      // Another tab of the same browser mock may have written since: its database is the newer one.
      const raw = storage?.getItem(MOCK_STORAGE_KEY) ?? null
      if (storage && raw !== lastSaved) {
        const saved = parsePersisted(raw)
        lastSaved = raw
        if (saved) current = restoredState(saved)
      }
      return current
    },
    async reset() {
      for (const release of [...releases]) release()
      current = save(freshState())
      await current
      changed()
    },
    persist() {
      if (storage) void current.then(write)
      changed()
    },
    onChange(listener) {
      changeListeners.add(listener)
      return () => changeListeners.delete(listener)
    },
    hangUntilReleased(signal) {
      return new Promise((resolve) => {
        const release = () => {
          releases.delete(release)
          signal.removeEventListener('abort', release)
          resolve()
        }
        if (signal.aborted) return resolve()
        releases.add(release)
        signal.addEventListener('abort', release)
      })
    },
  }
}
