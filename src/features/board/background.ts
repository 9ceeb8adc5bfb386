// What the board runs and shows on every page: its outbox, and how many posts wait in it. Apart from index.ts, so the board's page stays in its own chunk.
export { OutboxNotice } from './components/outbox-notice'
export { OutboxProvider } from './outbox/outbox-provider'
