// How much of an evidence folder the offline source is willing to read. The folder is untrusted:
// every read is bounded so a hostile or damaged folder cannot exhaust memory or hang the scan.

export interface OfflineLimits {
  /** Directory entries looked at during the scan, across the whole folder. */
  maxEntries: number;
  /** Size of one metadata file (job-info.json, step-info.json, pipeline.json, …). */
  maxJsonBytes: number;
  /** Size of one step output file (.txt or .json). Matches the live transport's body cap. */
  maxOutputBytes: number;
  /** Metadata files read at once while opening the folder. */
  readConcurrency: number;
}

export const DEFAULT_LIMITS: OfflineLimits = {
  maxEntries: 250_000,
  maxJsonBytes: 64 * 1024 * 1024,
  maxOutputBytes: 512 * 1024 * 1024,
  readConcurrency: 16,
};

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} B`;
}
