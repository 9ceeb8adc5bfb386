export { AppProviders } from './app-providers'
export { AppRoutes } from './app-routes'
