// The status line's feed: loading, errors, cache hits, rate-limit waits. Plain event emitter so the
// data layer (transport events) can push into it without knowing about React. It keeps the last
// HISTORY_LIMIT messages whole: the status line cuts a message to its width, the message history (`!`)
// shows them in full.
export type Tone = 'info' | 'error' | 'warn' | 'ok';
export interface StatusMessage {
  text: string;
  tone: Tone;
  at: number;
  /** How many times in a row this same message came (a retry loop says the same thing often). */
  repeats?: number;
}

export const HISTORY_LIMIT = 200;
/** A message longer than this is kept cut (a server may answer with a page): 200 of them stay under a megabyte. */
export const MESSAGE_MAX_CHARS = 4000;

export class StatusFeed {
  private listeners = new Set<(m: StatusMessage) => void>();
  private kept: StatusMessage[] = [];
  /** The latest message, for a status line that mounts after it was pushed. */
  last: StatusMessage | null = null;

  /** `now` is injected by tests; messages carry the time they came. */
  constructor(private readonly now: () => number = Date.now) {}

  push(text: string, tone: Tone = 'info'): void {
    const m: StatusMessage = { text, tone, at: this.now() };
    this.last = m;
    // An empty message only clears the line (a new level); it is not history.
    if (text) this.remember(text.length > MESSAGE_MAX_CHARS ? { ...m, text: `${text.slice(0, MESSAGE_MAX_CHARS)} … (cut at ${MESSAGE_MAX_CHARS} characters)` } : m);
    for (const l of this.listeners) l(m);
  }

  /** Messages kept, oldest first (at most HISTORY_LIMIT). */
  history(): readonly StatusMessage[] {
    return this.kept;
  }

  subscribe(fn: (m: StatusMessage) => void): () => void {
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
    };
  }

  private remember(m: StatusMessage): void {
    const prev = this.kept[this.kept.length - 1];
    if (prev && prev.text === m.text && prev.tone === m.tone) {
      this.kept[this.kept.length - 1] = { ...m, repeats: (prev.repeats ?? 1) + 1 };
      return;
    }
    this.kept.push(m);
    if (this.kept.length > HISTORY_LIMIT) this.kept.splice(0, this.kept.length - HISTORY_LIMIT);
  }
}
