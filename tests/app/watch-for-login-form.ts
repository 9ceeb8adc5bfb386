/**
 * Records whether a login form is ever put into the document, however briefly: a MutationObserver
 * sees every inserted node, even one removed before the test looks.
 */
export function watchForLoginForm(root: Node = document.body) {
  let seen = false
  const isLoginForm = (node: Node) =>
    node instanceof Element && (node.matches('#login-password, #login-heading') || node.querySelector('#login-password, #login-heading') !== null)
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
