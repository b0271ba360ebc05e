/**
 * A one-line progress bar on stderr (redrawn in place on a terminal, a line per 10 % otherwise), so long
 * loads show they are alive without flooding CI logs.
 */
export function progressBar(label: string, total: number): { update(done: number): void; finish(note?: string): void } {
  const started = performance.now()
  const tty = process.stderr.isTTY === true
  let lastDecile = -1
  const render = (done: number): string => {
    const share = total > 0 ? Math.min(1, done / total) : 1
    const width = 30
    const filled = Math.round(share * width)
    const seconds = (performance.now() - started) / 1000
    const rate = seconds > 0 ? Math.round(done / seconds) : 0
    return `${label.padEnd(28)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done}/${total} ${rate}/s`
  }
  return {
    update(done) {
      if (tty) {
        process.stderr.write(`\r${render(done)}`)
        return
      }
      const decile = Math.floor((done / Math.max(1, total)) * 10)
      if (decile > lastDecile) {
        lastDecile = decile
        process.stderr.write(`${render(done)}\n`)
      }
    },
    finish(note = '') {
      const seconds = ((performance.now() - started) / 1000).toFixed(1)
      process.stderr.write(`${tty ? '\r' : ''}${render(total)} ${seconds} s ${note}\n`)
    },
  }
}
