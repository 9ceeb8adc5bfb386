/**
 * The suite's named exceptions to Vitest's 5 s test timeout. Every other test gets 5 s: a unit test that needs more
 * is slow or waits for something real, and should be fixed, not given time. These tests do a lot of real work on
 * purpose, and `npm run test:stress` (the suite three times at once on two cores that other work also uses) made
 * them up to 30× slower than on a quiet machine (a 1,000-request test: 2 s quiet, 60–78 s at a load average of 25).
 *
 * @example
 * vi.setConfig({ testTimeout: WHOLE_APP_TIMEOUT_MS }) // at the top of a file that renders the whole app
 * it('1,000 concurrent requests …', async () => { … }, MANY_REQUESTS_TIMEOUT_MS)
 */

/**
 * A test that renders the whole app in jsdom: StrictMode, every provider, lazy route chunks transformed on their
 * first import, real PBKDF2 logins at the mock, input typed key by key. About 1 s on a quiet machine.
 */
export const WHOLE_APP_TIMEOUT_MS = 60_000

/**
 * A test that renders the package's React bindings in jsdom and clicks through them (an in-process adapter, no
 * network): well under 0.5 s quiet, but a file's first render with user events took 5.2–5.3 s under
 * `npm run test:stress` at a load average of 16.
 */
export const COMPONENT_TIMEOUT_MS = 20_000

/** Hundreds or 1,000 concurrent requests through the client and the mock (each signed, checked, counted): 2–8 s quiet. */
export const MANY_REQUESTS_TIMEOUT_MS = 180_000

/**
 * Real crypto on every request (a DPoP proof signed by the client and verified by the mock, keys in IndexedDB), or
 * several tabs' clients firing at once: 0.1–2 s a test quiet.
 */
export const CRYPTO_OR_TABS_TIMEOUT_MS = 30_000

/**
 * The API contract suite: each section logs in (PBKDF2 with 100,000 iterations) and the rate-limit sections fail a
 * login up to 20 times; over real HTTP, every request also crosses a socket. Up to 0.5 s a test quiet.
 */
export const CONTRACT_TIMEOUT_MS = 20_000

/**
 * `npm run contract` as a person runs it, in a child process: tsx's start-up, the profile checks over real HTTP
 * (PBKDF2 logins), and against our mock a Vitest run of the contract suite as well: 3–10 s a test quiet, 5 s and over
 * under CI's load.
 */
export const CONTRACT_COMMAND_TIMEOUT_MS = 120_000
