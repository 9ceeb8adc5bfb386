import { Link } from 'react-router-dom'

export function NotFound() {
  return (
    <section className="card narrow" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Page not found</h1>
      <p>
        <Link to="/">Go to the start page</Link>
      </p>
    </section>
  )
}
