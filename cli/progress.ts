/**
 * A progress bar on stderr for long runs (a million-row file takes minutes to write as a
 * workbook). Only on a terminal: piped output, CI logs and --json stay clean.
 */
const WIDTH = 24;

export interface ProgressBar {
  /** Shows `message` with the bar at `fraction` (0 … 1) of the whole run. */
  update(fraction: number, message: string): void;
  /** Clears the line. */
  done(): void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update() {}, done() {} };
  let shown = false;
  return {
    update(fraction, message) {
      const f = Math.max(0, Math.min(1, fraction)),
        filled = Math.round(f * WIDTH);
      const line = `[${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${String(Math.round(f * 100)).padStart(3)} % ${message}`;
      stream.write(`\r${line.slice(0, (stream.columns ?? 80) - 1)}\x1b[K`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
