import { createRoot } from 'react-dom/client'
import { createAppClient } from './auth'
import { Root } from './Root'

const client = createAppClient() // App restores the session (useRestore)

createRoot(document.getElementById('root')!).render(<Root client={client} />)
