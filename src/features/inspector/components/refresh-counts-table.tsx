import type { RefreshCounts } from '../../../state'
import { useInspectorMessages } from '../messages'

const REASONS: Array<keyof RefreshCounts> = ['before-request', 'after-401', 'restore', 'manual', 'wake']

export function RefreshCountsTable({ counts }: { counts: RefreshCounts }) {
  const m = useInspectorMessages()
  return (
    <table className="inspector-table">
      <caption>{m.refreshes.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{m.refreshes.why}</th>
          <th scope="col">{m.refreshes.ran}</th>
          <th scope="col">{m.refreshes.ok}</th>
          <th scope="col">{m.refreshes.failed}</th>
        </tr>
      </thead>
      <tbody>
        {REASONS.map((reason) => (
          <tr key={reason}>
            <th scope="row">{m.reasons[reason]}</th>
            <td>{counts[reason].started}</td>
            <td>{counts[reason].succeeded}</td>
            <td>{counts[reason].failed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
