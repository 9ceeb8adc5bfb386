// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { afterSent, clearDraft, giveBack, loadDraft, saveDraft } from './post-draft-storage'

describe('post draft storage', () => {
  afterEach(() => sessionStorage.clear())

  it('keeps a draft per user and gives it back', () => {
    saveDraft(sessionStorage, 'u1', { title: 'Hello', body: 'World' })
    expect(loadDraft(sessionStorage, 'u1')).toEqual({ title: 'Hello', body: 'World' })
    expect(loadDraft(sessionStorage, 'u2')).toEqual({ title: '', body: '' })
  })

  it('stores only the title and the body', () => {
    saveDraft(sessionStorage, 'u1', { title: 'T', body: 'B', accessToken: 'secret' } as never)
    expect(sessionStorage.getItem('board-draft:u1')).toBe('{"title":"T","body":"B"}')
  })

  it('keeps the Idempotency-Key of a submitted draft with it', () => {
    saveDraft(sessionStorage, 'u1', { title: 'T', body: 'B', key: 'k-1' })
    expect(loadDraft(sessionStorage, 'u1')).toEqual({ title: 'T', body: 'B', key: 'k-1' })
    saveDraft(sessionStorage, 'u1', { title: 'T2', body: 'B' })
    expect(loadDraft(sessionStorage, 'u1')).toEqual({ title: 'T2', body: 'B' })
  })

  it('forgets a cleared draft', () => {
    saveDraft(sessionStorage, 'u1', { title: 'T', body: '' })
    clearDraft(sessionStorage, 'u1')
    expect(sessionStorage.length).toBe(0)
  })

  it('survives garbage in storage', () => {
    sessionStorage.setItem('board-draft:u1', '{not json')
    expect(loadDraft(sessionStorage, 'u1')).toEqual({ title: '', body: '' })
    sessionStorage.setItem('board-draft:u1', '{"title":42}')
    expect(loadDraft(sessionStorage, 'u1')).toEqual({ title: '', body: '' })
  })

  it('gives a refused text back to an empty draft, else sets it aside until the draft is sent, losing nothing', () => {
    expect(giveBack(sessionStorage, 'u1', { title: 'Refused', body: 'text' })).toBe(true)
    expect(loadDraft(sessionStorage, 'u1')).toEqual({ title: 'Refused', body: 'text' })

    saveDraft(sessionStorage, 'u1', { title: 'Newer', body: '' })
    expect(giveBack(sessionStorage, 'u1', { title: 'Refused', body: 'text' })).toBe(false)
    expect(giveBack(sessionStorage, 'u1', { title: 'Another', body: 'more' })).toBe(false)
    expect(loadDraft(sessionStorage, 'u1')).toEqual({ title: 'Newer', body: '' })

    // Not the sent text: nothing moves.
    expect(afterSent(sessionStorage, 'u1', { title: 'Something else', body: '' })).toEqual({ title: 'Newer', body: '' })
    // The draft was sent: what was set aside (both refusals) becomes the draft.
    expect(afterSent(sessionStorage, 'u1', { title: 'Newer', body: '' })).toEqual({ title: 'Refused', body: 'text\n\nAnother\nmore' })
    expect(loadDraft(sessionStorage, 'u1')).toEqual({ title: 'Refused', body: 'text\n\nAnother\nmore' })
    expect(Object.keys(sessionStorage)).toEqual(['board-draft:u1'])
  })
})
