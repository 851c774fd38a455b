// Download progress: the figures the evidence downloader reports (evidence/progress.ts), and the
// one line that shows them, shared by the CLI's stderr line and the TUI's bar:
// [#####.....] 120/300 · 4.2 MiB · 1.3 MiB/s · ETA 12s

/** What a download has done so far (the only progress type: the downloader, the CLI and the TUI share it). */
export interface DownloadProgress {
  /** Units finished (fetched, found already complete, or failed for good). */
  done: number;
  /** Units known so far: grows while pipelines, workflows and jobs are discovered. */
  total: number;
  /** Bytes written to the folder. */
  bytes: number;
  /** ms since the epoch. */
  startedAt: number;
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${Math.round(n)} B`;
}

export function progressText(p: DownloadProgress, barWidth = 24, now = Date.now()): string {
  const secs = Math.max(0.001, (now - p.startedAt) / 1000);
  const left = p.total - p.done;
  const eta = p.done > 0 && left > 0 ? ` · ETA ${Math.ceil((secs / p.done) * left)}s` : '';
  const filled = p.total > 0 ? Math.min(barWidth, Math.round((p.done / p.total) * barWidth)) : 0;
  return `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${p.done}/${p.total} · ${formatBytes(p.bytes)} · ${formatBytes(p.bytes / secs)}/s${eta}`;
}
