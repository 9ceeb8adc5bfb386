export { SessionInspector } from './components/session-inspector'
