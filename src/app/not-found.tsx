import { Link } from 'react-router-dom'
import { PageHeading } from '../lib/components/page-heading'
import { useI18n } from '../i18n'

export function NotFound() {
  const { t } = useI18n()
  return (
    <section className="card narrow" aria-labelledby="not-found-heading">
      <PageHeading id="not-found-heading">{t.notFound.title}</PageHeading>
      <p>
        <Link to="/">{t.notFound.home}</Link>
      </p>
    </section>
  )
}
