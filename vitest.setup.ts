import '@testing-library/jest-dom/vitest'
import { configure } from '@testing-library/dom'

// Pages are lazy route chunks (src/app/app-routes.tsx): their first import in a test file is transformed on demand,
// which on a loaded 2-core machine can take longer than Testing Library's default 1 s for `findBy…`. Under
// `npm run test:stress` at a load average of 25, a first page took more than 5 s: `findBy…` waits up to 15 s (it
// returns as soon as the element is there; a test that passes waits no longer for it).
configure({ asyncUtilTimeout: 15_000 })
