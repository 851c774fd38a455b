// The status line's feed: loading, errors, cache hits, rate-limit waits. Plain event emitter so the
// data layer (transport events) can push into it without knowing about React.
export type Tone = 'info' | 'error' | 'warn' | 'ok';
export interface StatusMessage { text: string; tone: Tone; at: number }

export class StatusFeed {
  private listeners = new Set<(m: StatusMessage) => void>();
  /** The latest message, for a status line that mounts after it was pushed. */
  last: StatusMessage | null = null;
  push(text: string, tone: Tone = 'info'): void {
    const m = { text, tone, at: Date.now() };
    this.last = m;
    for (const l of this.listeners) l(m);
  }
  subscribe(fn: (m: StatusMessage) => void): () => void {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  }
}
