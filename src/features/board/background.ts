// What the board runs on every page: its outbox. Apart from index.ts, so the board's page stays in its own chunk.
export { OutboxProvider } from './outbox/outbox-provider'
