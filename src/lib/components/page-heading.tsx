import { useEffect, useRef } from 'react'
import { useI18n } from '../../i18n'
import { documentTitle, usePageFocus } from '../page-focus'

/**
 * A page's `<h1>`: names the document after the page and, after a navigation, takes focus (or gives it
 * to the page's first error) and has the new page announced, so focus never falls to `<body>`.
 */
export function PageHeading({ children, id }: { children: string; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null)
  const focus = usePageFocus()
  const { t } = useI18n()
  useEffect(() => {
    document.title = documentTitle(children, t.appName)
    if (!focus.claim()) return
    const heading = ref.current
    const page = heading?.closest('section, main') ?? null
    const firstError = page?.querySelector<HTMLElement>('[role="alert"]') ?? null
    const target = firstError ?? heading
    if (target && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1')
    target?.focus()
    focus.announce(document.title)
  }, [children, focus, t.appName])
  return (
    <h1 ref={ref} id={id} tabIndex={-1}>
      {children}
    </h1>
  )
}
