import type { RefreshCounts } from '../../../state'

const REASONS: Array<[keyof RefreshCounts, string]> = [
  ['before-request', 'Before a request'],
  ['after-401', 'After a 401'],
  ['restore', 'At start-up'],
  ['manual', 'Manual'],
  ['wake', 'On waking'],
]

export function RefreshCountsTable({ counts }: { counts: RefreshCounts }) {
  return (
    <table className="inspector-table">
      <caption>Refreshes by this tab</caption>
      <thead>
        <tr>
          <th scope="col">Why</th>
          <th scope="col">Ran</th>
          <th scope="col">OK</th>
          <th scope="col">Failed</th>
        </tr>
      </thead>
      <tbody>
        {REASONS.map(([reason, label]) => (
          <tr key={reason}>
            <th scope="row">{label}</th>
            <td>{counts[reason].started}</td>
            <td>{counts[reason].succeeded}</td>
            <td>{counts[reason].failed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
