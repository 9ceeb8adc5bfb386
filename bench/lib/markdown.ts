/** A GitHub-flavoured Markdown table; `|` inside cells is escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|')
  const line = (cells: readonly string[]) => `| ${cells.map(escape).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '−' : ''
  const size = Math.abs(bytes)
  return size < 1024 ? `${sign}${size} B` : `${sign}${(size / 1024).toFixed(2)} KiB`
}
