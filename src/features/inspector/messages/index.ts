import { useI18n, type Locale } from '../../../i18n'
import { inspectorEn, type InspectorMessages } from './en'
import { inspectorKo } from './ko'

export { inspectorEn, inspectorKo, type InspectorMessages }

const CATALOGUES: Record<Locale, InspectorMessages> = { en: inspectorEn, ko: inspectorKo }

/** The inspector's strings in the app's language. */
export function useInspectorMessages(): InspectorMessages {
  return CATALOGUES[useI18n().locale]
}
