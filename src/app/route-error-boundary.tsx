import { Component, type ErrorInfo, type ReactNode } from 'react'
import { ErrorPage } from './error-page'

interface Props {
  children: ReactNode
  /** A new value (the location) clears a caught error, so "go home" and the back button recover. */
  resetKey: string
}

interface State {
  error: unknown
  caughtAt: string | null
}

/** Catches a screen's render or effect error (a refused navigation included) and shows the error page. */
export class RouteErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, caughtAt: null }

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error ?? new Error('Unknown error') }
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (state.error === null) return state.caughtAt === props.resetKey ? null : { caughtAt: props.resetKey }
    if (state.caughtAt !== props.resetKey) return { error: null, caughtAt: props.resetKey }
    return null
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('A screen failed and the error page is shown instead', error, info.componentStack)
  }

  private readonly reset = () => this.setState({ error: null })

  override render(): ReactNode {
    if (this.state.error !== null) return <ErrorPage onHome={this.reset} />
    return this.props.children
  }
}
