import type { Page } from '@playwright/test'
import { LOGIN_FORM_SELECTOR } from '../../tests/support/login-form'

const FLAG = '__e2eLoginFormSeen'

/**
 * From the next document on, records whether a login form is ever put into the page, however briefly:
 * a MutationObserver installed before the app's scripts sees every inserted node.
 */
export async function watchForLoginForm(page: Page): Promise<void> {
  await page.addInitScript(({ flag, selector }) => {
    const store = window as unknown as Record<string, boolean>
    store[flag] = false
    const isLoginForm = (node: Node) => node instanceof Element && (node.matches(selector) || node.querySelector(selector) !== null)
    new MutationObserver((records) => {
      for (const record of records) if ([...record.addedNodes].some(isLoginForm)) store[flag] = true
    }).observe(document, { childList: true, subtree: true })
  }, { flag: FLAG, selector: LOGIN_FORM_SELECTOR })
}

/** Whether the login form has appeared in the current document since it started loading. */
export function loginFormSeen(page: Page): Promise<boolean> {
  return page.evaluate((flag) => (window as unknown as Record<string, boolean>)[flag] === true, FLAG)
}
