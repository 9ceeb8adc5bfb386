/** One server-sent event as the WHATWG framing delivers it. */
export interface ServerSentEvent {
  /** `event:`; `message` when the block named none. */
  event: string
  /** The `data:` lines joined by newlines. */
  data: string
  /** The last `id:` seen on this stream so far (it carries over to later events, as in `EventSource`). */
  lastEventId: string
}

export interface EventStreamParser {
  /** Feeds decoded text as it arrives; complete events go to `onEvent`. */
  push(text: string): void
}

/**
 * The `text/event-stream` framing (HTML Living Standard §9.2.6, "Interpreting an event stream"), for a stream read
 * with `fetch`: lines end with CRLF, LF or CR; a blank line dispatches; `:` starts a comment; `data` lines join with
 * newlines; `id` without a NUL sets the last event id; `retry` with digits only sets the reconnection time;
 * a block without data dispatches nothing; unknown fields are ignored.
 *
 * @example
 * const parser = createEventStreamParser((event) => console.log(event.event, event.data), (ms) => (retryMs = ms))
 * parser.push('event: post\ndata: {"id":1}\n\n')
 */
export function createEventStreamParser(onEvent: (event: ServerSentEvent) => void, onRetry: (ms: number) => void = () => undefined): EventStreamParser {
  let buffer = ''
  let data: string[] = []
  let event = ''
  let lastEventId = ''
  // A CR at the end of a chunk may be half of a CRLF split across chunks.
  let pendingCr = false

  function line(text: string): void {
    if (text === '') {
      if (data.length > 0) onEvent({ event: event || 'message', data: data.join('\n'), lastEventId })
      data = []
      event = ''
      return
    }
    if (text.startsWith(':')) return
    const colon = text.indexOf(':')
    const field = colon === -1 ? text : text.slice(0, colon)
    const value = colon === -1 ? '' : text.slice(colon + 1).replace(/^ /, '')
    if (field === 'data') data.push(value)
    else if (field === 'event') event = value
    else if (field === 'id' && !value.includes('\0')) lastEventId = value
    else if (field === 'retry' && /^\d+$/.test(value)) onRetry(Number(value))
  }

  return {
    push(text) {
      if (pendingCr && text.startsWith('\n')) text = text.slice(1)
      pendingCr = false
      buffer += text
      let start = 0
      for (let i = 0; i < buffer.length; i++) {
        const char = buffer[i]
        if (char !== '\n' && char !== '\r') continue
        line(buffer.slice(start, i))
        if (char === '\r') {
          if (i + 1 === buffer.length) pendingCr = true
          else if (buffer[i + 1] === '\n') i++
        }
        start = i + 1
      }
      buffer = buffer.slice(start)
    },
  }
}
