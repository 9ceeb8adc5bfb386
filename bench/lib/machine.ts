import os from 'node:os'

export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  node: string
  platform: string
  date: string
  /** 1-minute load average when the run started: other processes share the cores and move timings. */
  loadAverage: number
}

/** What the figures were measured on: they only compare within one run. */
export function describeMachine(now = new Date()): Machine {
  const cpus = os.cpus()
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: now.toISOString().replace(/\.\d+Z$/, 'Z'),
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  }
}
