import { createRoot } from 'react-dom/client'
import { createAppClient } from './auth'
import { Root } from './Root'

const client = createAppClient()
void client.restore()

createRoot(document.getElementById('root')!).render(<Root client={client} />)
