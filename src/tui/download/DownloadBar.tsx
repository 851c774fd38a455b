// One row while a download runs: label, bar, counts, bytes, rate, ETA, and how to cancel.
import { SafeText } from '../components/SafeText.js';
import { progressText, type DownloadProgress } from '../../util/progress-text.js';

export function DownloadBar({ label, progress, width }: { label: string; progress: DownloadProgress; width: number }) {
  const bar = Math.max(5, Math.min(24, width - label.length - 60));
  return <SafeText color="cyan" wrap="truncate-end">{`${label} ${progressText(progress, bar)} · X cancels`}</SafeText>;
}
