// One row: [#####-----] 120/300 · 4.2 MB · 1.3 MB/s · ETA 12s · X cancels
import { Text } from 'ink';
import type { Progress } from './use-download.js';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function barText(label: string, p: Progress, width: number, now = Date.now()): string {
  const secs = Math.max(0.001, (now - p.startedAt) / 1000);
  const rate = p.bytes / secs;
  const frac = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  const eta = p.done > 0 && p.total > p.done ? Math.round(((p.total - p.done) * secs) / p.done) : null;
  const tail = ` ${p.done}/${p.total} · ${formatBytes(p.bytes)} · ${formatBytes(rate)}/s${eta !== null ? ` · ETA ${eta}s` : ''} · X cancels`;
  const barW = Math.max(5, Math.min(30, width - tail.length - label.length - 4));
  const filled = Math.round(frac * barW);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(barW - filled)}]${tail}`;
}

export function DownloadBar({ label, progress, width }: { label: string; progress: Progress; width: number }) {
  return <Text color="cyan" wrap="truncate-end">{barText(label, progress, width)}</Text>;
}
