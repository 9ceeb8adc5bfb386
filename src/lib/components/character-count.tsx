import { useI18n } from '../../i18n'

/** Within this many characters of the limit, what is left is also said aloud (politely, not on every key). */
const ANNOUNCE_WITHIN = 20

export const characterLength = (value: string) => [...value].length

/** "12 of 200 characters" under a field, and near the limit a polite "8 characters left". */
export function CharacterCount({ id, value, max }: { id: string; value: string; max: number }) {
  const { t, formatNumber } = useI18n()
  const used = characterLength(value)
  const left = Math.max(0, max - used)
  const near = left <= ANNOUNCE_WITHIN
  return (
    <>
      <p id={id} className={near ? 'field-count field-count-near' : 'field-count'}>
        {t.characterCount.used(formatNumber(used), formatNumber(max))}
      </p>
      <span className="visually-hidden" aria-live="polite">
        {near ? t.characterCount.left(left, formatNumber(left)) : ''}
      </span>
    </>
  )
}
