import { Link } from 'react-router-dom'
import { PageHeading } from '../lib/components/page-heading'

/** What a person sees instead of a blank page when a screen fails: what happened and a way home. */
export function ErrorPage({ onHome }: { onHome?: () => void }) {
  return (
    <section className="card narrow" aria-labelledby="error-heading">
      <PageHeading id="error-heading">Something went wrong</PageHeading>
      <p>This page could not be shown. Nothing you saved is lost.</p>
      <p>
        <Link to="/" onClick={onHome}>
          Go to the start page
        </Link>
      </p>
    </section>
  )
}
