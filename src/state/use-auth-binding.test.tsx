// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { RecoilRoot, useRecoilValue, useSetRecoilState } from 'recoil'
import { afterEach, describe, expect, it } from 'vitest'
import { accessTokenState, NO_SESSION, sessionSnapshotState } from './atoms'
import { useAuthBinding, type AuthBinding } from './use-auth-binding'

function renderBinding() {
  const seen: AuthBinding[] = []
  let setFromElsewhere: (token: string | null) => void = () => {}
  function Probe() {
    const binding = useAuthBinding()
    seen.push(binding)
    setFromElsewhere = useSetRecoilState(accessTokenState)
    const token = useRecoilValue(accessTokenState)
    const { status } = useRecoilValue(sessionSnapshotState)
    const [readInHandler, setReadInHandler] = useState('')
    return (
      <>
        <p>token: {token ?? 'none'}</p>
        <p>status: {status}</p>
        <p>read in handler: {readInHandler}</p>
        <button
          onClick={() => {
            binding.store.set('from-click')
            setReadInHandler(binding.store.get() ?? 'none')
          }}
        >
          set and read
        </button>
      </>
    )
  }
  render(
    <RecoilRoot>
      <Probe />
    </RecoilRoot>,
  )
  const latest = () => seen[seen.length - 1]!
  return { seen, latest, setFromElsewhere: (token: string | null) => setFromElsewhere(token) }
}

describe('useAuthBinding', () => {
  afterEach(cleanup)

  it('gives the client a store whose get() sees a set() at once, outside React', () => {
    const { latest } = renderBinding()
    const { store } = latest()
    expect(store.get()).toBeNull()
    store.set('token-1')
    expect(store.get()).toBe('token-1')
    store.set('token-2')
    store.set(null)
    expect(store.get()).toBeNull()
  })

  it('sees a set() at once inside a batched React event handler', async () => {
    renderBinding()
    await userEvent.click(screen.getByRole('button', { name: 'set and read' }))
    expect(screen.getByText('read in handler: from-click')).toBeInTheDocument()
  })

  it('writes the Recoil atom that components render', async () => {
    const { latest } = renderBinding()
    act(() => latest().store.set('token-for-ui'))
    expect(await screen.findByText('token: token-for-ui')).toBeInTheDocument()
  })

  it('reads a token another Recoil setter wrote, synchronously', () => {
    const { latest, setFromElsewhere } = renderBinding()
    act(() => setFromElsewhere('set-by-recoil'))
    expect(latest().store.get()).toBe('set-by-recoil')
  })

  it('stays the same object across renders', () => {
    const { seen, latest } = renderBinding()
    act(() => latest().store.set('x'))
    expect(seen.length).toBeGreaterThan(1)
    expect(new Set(seen.map((b) => b.store)).size).toBe(1)
  })

  it("mirrors the client's session snapshot", async () => {
    const { latest } = renderBinding()
    act(() => latest().mirror({ ...NO_SESSION, status: 'restoring' }))
    expect(await screen.findByText('status: restoring')).toBeInTheDocument()
    act(() => {
      latest().mirror({ ...NO_SESSION, status: 'authenticated' })
      latest().mirror({ ...NO_SESSION, status: 'ended', endReason: 'refresh-refused' })
    })
    expect(await screen.findByText('status: ended')).toBeInTheDocument()
  })

  it('keeps each RecoilRoot separate', () => {
    const first = renderBinding()
    const second = renderBinding()
    first.latest().store.set('only-in-first')
    expect(second.latest().store.get()).toBeNull()
  })
})
