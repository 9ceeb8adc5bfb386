export { SessionWarning } from './components/session-warning-dialog'
