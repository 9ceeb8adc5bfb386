import { useEffect, type RefObject } from 'react'

/**
 * Makes everything on the page but `ref`'s element (and its ancestors) `inert` while mounted: behind a modal
 * dialog nothing can be clicked, focused or read by a screen reader (what `aria-modal` only promises).
 * Declare it before the effect that gives focus back on close: effects clean up in order, so the page is
 * live again by then.
 */
export function useInertOutside(ref: RefObject<HTMLElement>): void {
  useEffect(() => {
    const made: Element[] = []
    for (let node = ref.current; node?.parentElement && node !== document.body; node = node.parentElement) {
      for (const sibling of node.parentElement.children) {
        if (sibling === node || sibling.hasAttribute('inert') || sibling instanceof HTMLScriptElement) continue
        sibling.setAttribute('inert', '')
        made.push(sibling)
      }
    }
    return () => made.forEach((element) => element.removeAttribute('inert'))
  }, [ref])
}
