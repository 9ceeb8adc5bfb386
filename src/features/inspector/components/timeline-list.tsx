import type { AuthEvent } from 'silent-refresh'
import type { LiveStreamActivity } from '../../../lib/live-stream'
import { useI18n } from '../../../i18n'
import { useInspectorMessages, type InspectorMessages } from '../messages'
import type { TimelineEntry } from '../timeline/watch-timeline'

function describeEvent(event: AuthEvent, m: InspectorMessages): string {
  const words = m.timeline
  switch (event.type) {
    case 'refresh-start':
      return words.refreshStart(m.reasons[event.reason])
    case 'refresh-success':
      return words.refreshSuccess
    case 'refresh-failure':
      return words.refreshFailure(event.error.message)
    case 'refresh-retry':
      return words.refreshRetry(event.delayMs)
    case 'session-start':
      return words.sessionStart[event.via]
    case 'session-end':
      return words.sessionEnd[event.reason]
    case 'wake':
      return words.wake[event.trigger]
    case 'logout-pending':
      return words.logoutPending
    case 'logout-completed':
      return words.logoutCompleted
    case 'tab-message':
      return words.tabMessage[event.message]
  }
}

function describeStream(activity: LiveStreamActivity, m: InspectorMessages): string {
  const words = m.timeline.stream
  switch (activity.type) {
    case 'connecting':
      return words.connecting(activity.path, words.causes[activity.cause])
    case 'open':
      return words.open(activity.path)
    case 'auth-expired':
      return words.authExpired(activity.path, activity.reason)
    case 'waiting':
      return words.waiting(activity.path, activity.delayMs, activity.status)
    case 'skipped':
      return words.skipped(activity.path, activity.count)
    case 'closed':
      return words.closed[activity.reason](activity.path)
  }
}

/** One line of the timeline in words. */
export function describeEntry(entry: TimelineEntry, m: InspectorMessages): string {
  const words = m.timeline
  if (entry.kind === 'event') return describeEvent(entry.event, m)
  if (entry.kind === 'stream') return describeStream(entry.activity, m)
  if (entry.kind === 'request') return entry.replay ? words.replay(entry.method, entry.path) : words.request(entry.method, entry.path)
  if (entry.canceled) return words.canceled(entry.method, entry.path)
  if (entry.status === null) return words.noAnswer(entry.method, entry.path)
  return entry.expiredToken ? words.expiredAnswer(entry.method, entry.path) : words.answer(entry.status, entry.method, entry.path)
}

/** The README's sequence diagram, live: what this tab did, oldest first. */
export function TimelineList({ entries, onClear }: { entries: TimelineEntry[]; onClear(): void }) {
  const m = useInspectorMessages()
  const { locale } = useI18n()
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
  return (
    <section aria-labelledby="inspector-timeline-heading">
      <h3 id="inspector-timeline-heading">{m.timeline.heading}</h3>
      <p className="field-hint">{m.timeline.hint}</p>
      {entries.length === 0 ? (
        <p>{m.timeline.empty}</p>
      ) : (
        <ol className="inspector-timeline" aria-label={m.timeline.heading}>
          {entries.map((entry) => (
            <li key={entry.id} className={`timeline-${entry.kind}`}>
              <time dateTime={new Date(entry.at).toISOString()}>{time.format(entry.at)}</time> {describeEntry(entry, m)}
            </li>
          ))}
        </ol>
      )}
      <button type="button" onClick={onClear}>
        {m.timeline.clear}
      </button>
    </section>
  )
}
