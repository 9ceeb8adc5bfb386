import { Link } from 'react-router-dom'
import { PageHeading } from '../lib/components/page-heading'
import { useI18n } from '../i18n'

/** What a person sees instead of a blank page when a screen fails: what happened and a way home. */
export function ErrorPage({ onHome }: { onHome?: () => void }) {
  const { t } = useI18n()
  return (
    <section className="card narrow" aria-labelledby="error-heading">
      <PageHeading id="error-heading">{t.errorPage.title}</PageHeading>
      <p>{t.errorPage.body}</p>
      <p>
        <Link to="/" onClick={onHome}>
          {t.errorPage.home}
        </Link>
      </p>
    </section>
  )
}
