import { CATALOGUES, LOCALES, useI18n, type Locale } from '../i18n'

/** Chooses the app's language; the choice is remembered (see I18nProvider). Each option is named in its own language. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n()
  return (
    <div className="language-switch">
      <label htmlFor="language-switch">{t.layout.language}</label>
      <select id="language-switch" value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {CATALOGUES[code].languageName}
          </option>
        ))}
      </select>
    </div>
  )
}
