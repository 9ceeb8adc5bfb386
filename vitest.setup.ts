import '@testing-library/jest-dom/vitest'
import { configure } from '@testing-library/dom'

// Pages are lazy route chunks (src/app/app-routes.tsx): their first import in a test file is transformed on demand,
// which on a loaded 2-core machine can take longer than Testing Library's default 1 s for `findBy…`.
configure({ asyncUtilTimeout: 5000 })
