// The progress meter: counts change thousands of times a second, the UI hears at most ~10/s, as
// DownloadProgress figures (util/progress-text.ts, the one progress type the CLI and the TUI show).
import type { DownloadProgress } from '../util/progress-text.js';

export class ProgressMeter {
  private done = 0;
  private total = 0;
  private bytes = 0;
  private last = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(readonly startedAt: number, private readonly emit: ((p: DownloadProgress) => void) | undefined, private readonly intervalMs = 100) {}

  add(total: number): void {
    this.total += total;
    this.changed();
  }

  finish(n = 1): void {
    this.done += n;
    this.changed();
  }

  wrote(bytes: number): void {
    this.bytes += bytes;
    this.changed();
  }

  snapshot(): DownloadProgress {
    return { done: this.done, total: this.total, bytes: this.bytes, startedAt: this.startedAt };
  }

  /**
   * The last word: emitted once more, then never again. A task the run stopped waiting for may
   * still settle later; a progress line drawn after the caller ended it would be left unterminated.
   */
  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
  }

  /** Emits now, with no timer left behind. */
  flush(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.last = Date.now();
    this.emit?.(this.snapshot());
  }

  private changed(): void {
    if (!this.emit || this.timer || this.closed) return;
    const wait = this.last + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.last = Date.now();
      this.emit(this.snapshot());
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.last = Date.now();
      this.emit?.(this.snapshot());
    }, wait);
    this.timer.unref?.();
  }
}
