import { I18nProvider } from '../i18n'
import { AuthProvider, type AuthProviderProps } from '../lib/auth'
import { StateRoot } from '../state'

/** Language, state and auth for one app instance: a fresh pair per page load and per test. */
export function AppProviders({ children, ...auth }: AuthProviderProps) {
  return (
    <I18nProvider>
      <StateRoot>
        <AuthProvider {...auth}>{children}</AuthProvider>
      </StateRoot>
    </I18nProvider>
  )
}
