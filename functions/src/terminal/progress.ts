// A progress bar with ETA on stderr, so stdout stays machine-readable. On a non-TTY stderr
// (CI logs) it prints a plain line every 10 %.
interface Progress {
  tick(n?: number): void;
  done(): void;
}

export function createProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const start = Date.now();
  let count = 0;
  let lastDecile = -1;
  let lastDraw = 0;
  const render = (final: boolean): void => {
    const fraction = total > 0 ? Math.min(1, count / total) : 1;
    const elapsed = (Date.now() - start) / 1000;
    const eta = count > 0 ? (elapsed / count) * (total - count) : NaN;
    const text = `${label} ${count}/${total} ${(fraction * 100).toFixed(0)}% ${formatSeconds(elapsed)} elapsed${final ? "" : `, ETA ${formatSeconds(eta)}`}`;
    if (stream.isTTY) {
      const width = 24;
      const filled = Math.round(fraction * width);
      stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${text}\x1b[K${final ? "\n" : ""}`);
    } else {
      const decile = Math.floor(fraction * 10);
      if (final || decile > lastDecile) stream.write(`${text}\n`);
      lastDecile = decile;
    }
  };
  return {
    tick(n = 1) {
      count += n;
      const now = Date.now();
      if (!stream.isTTY || now - lastDraw > 100 || count >= total) {
        lastDraw = now;
        render(false);
      }
    },
    done() {
      render(true);
    },
  };
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${s.toFixed(0)}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(Math.round(s % 60)).padStart(2, "0")}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
