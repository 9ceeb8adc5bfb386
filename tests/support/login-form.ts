/** What marks the login form in the DOM (unit tests and the e2e watcher share it). */
export const LOGIN_FORM_SELECTOR = '#login-password, #login-heading'

/**
 * Records whether a login form is ever put into the document, however briefly: a MutationObserver
 * sees every inserted node, even one removed before the test looks.
 */
export function watchForLoginForm(root: Node = document.body) {
  let seen = false
  const isLoginForm = (node: Node) =>
    node instanceof Element && (node.matches(LOGIN_FORM_SELECTOR) || node.querySelector(LOGIN_FORM_SELECTOR) !== null)
  const observer = new MutationObserver((records) => {
    for (const record of records) if ([...record.addedNodes].some(isLoginForm)) seen = true
  })
  observer.observe(root, { childList: true, subtree: true })
  return {
    seen: () => {
      for (const record of observer.takeRecords()) if ([...record.addedNodes].some(isLoginForm)) seen = true
      return seen
    },
    stop: () => observer.disconnect(),
  }
}
