import { Link } from 'react-router-dom'
import { PageHeading } from '../lib/components/page-heading'

export function NotFound() {
  return (
    <section className="card narrow" aria-labelledby="not-found-heading">
      <PageHeading id="not-found-heading">Page not found</PageHeading>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </section>
  )
}
