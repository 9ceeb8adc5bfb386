import { isAxiosError } from 'axios'
import { useCallback, useRef, useState } from 'react'
import { useAuthClient } from '../../../lib/auth'
import { FormAlert } from '../../../lib/components/form-alert'
import { RequestError } from '../../../lib/components/request-error'
import { describeRequestError } from '../../../lib/describe-request-error'
import { useRequest } from '../../../lib/use-request'
import { useI18n } from '../../../i18n'
import { getDevices, signOutDevice, signOutOtherDevices, type Device } from '../api/devices'

type Pending = { kind: 'one'; id: string } | { kind: 'others' } | null

/**
 * The signed-in devices: every login of this account, this one marked, each other one with its own "Sign out"
 * (named after the device, for screen readers), and "Sign out all other devices". What happened is said in a polite
 * status; focus goes to the section's heading when the button that had it leaves with its row.
 */
export function DevicesSection() {
  const client = useAuthClient()
  const { t, formatDate } = useI18n()
  const words = t.profile.devices
  const load = useCallback((signal: AbortSignal) => getDevices(client.http, signal), [client])
  const { state, reload, update } = useRequest(load)
  const [pending, setPending] = useState<Pending>(null)
  const [done, setDone] = useState<string | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)

  const label = (device: Device) => words.label(device.browser, device.os)
  const when = (iso: string) => formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' })

  async function run(next: NonNullable<Pending>, action: () => Promise<string>, remove: (devices: Device[]) => Device[]) {
    setPending(next)
    setDone(null)
    setFailure(null)
    try {
      setDone(await action())
      update(remove)
      headingRef.current?.focus()
    } catch (error) {
      if (next.kind === 'one' && isAxiosError(error) && error.response?.status === 404) {
        setDone(words.alreadyGone)
        update(remove)
        headingRef.current?.focus()
      } else {
        setFailure(error)
      }
    } finally {
      setPending(null)
    }
  }

  const signOutOne = (device: Device) =>
    run(
      { kind: 'one', id: device.id },
      async () => {
        await signOutDevice(client.http, device.id)
        return words.signedOutOne(label(device))
      },
      (devices) => devices.filter((d) => d.id !== device.id),
    )
  const signOutOthers = () =>
    run(
      { kind: 'others' },
      async () => words.signedOutOthers(await signOutOtherDevices(client.http)),
      (devices) => devices.filter((d) => d.current),
    )

  const devices = state.status === 'success' ? state.data : []
  const others = devices.filter((device) => !device.current)
  return (
    <section className="card devices" aria-labelledby="devices-heading">
      <h2 id="devices-heading" ref={headingRef} tabIndex={-1}>
        {words.heading}
      </h2>
      <p className="field-hint">{words.intro}</p>
      {state.status === 'loading' && <p role="status">{words.loading}</p>}
      {state.status === 'error' && <RequestError error={state.error} onRetry={reload} />}
      {state.status === 'success' && (
        <>
          <table className="devices-table">
            <caption className="visually-hidden">{words.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{words.device}</th>
                <th scope="col">{words.signedIn}</th>
                <th scope="col">{words.lastUsed}</th>
                <th scope="col">
                  <span className="visually-hidden">{words.action}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {devices.map((device) => (
                <tr key={device.id}>
                  <th scope="row">
                    {label(device)}
                    {device.current && <span className="badge"> {words.thisDevice}</span>}
                  </th>
                  <td>
                    <time dateTime={device.createdAt}>{when(device.createdAt)}</time>
                  </td>
                  <td>
                    <time dateTime={device.lastUsedAt}>{when(device.lastUsedAt)}</time>
                  </td>
                  <td>
                    {!device.current && (
                      <button
                        type="button"
                        aria-label={words.signOutNamed(label(device), when(device.createdAt))}
                        disabled={pending !== null}
                        onClick={() => void signOutOne(device)}
                      >
                        {pending?.kind === 'one' && pending.id === device.id ? words.signingOut : words.signOut}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {others.length > 0 ? (
            <button type="button" disabled={pending !== null} onClick={() => void signOutOthers()}>
              {pending?.kind === 'others' ? words.signingOutOthers : words.signOutOthers}
            </button>
          ) : (
            !done && <p>{words.onlyThis}</p>
          )}
        </>
      )}
      <p role="status" className="devices-status">
        {done}
      </p>
      <FormAlert message={failure === null ? null : describeRequestError(failure, undefined, t)} />
    </section>
  )
}
