// A bounded work queue whose tasks may add more tasks. Deeper work runs first (a job's outputs
// before the next job), so a run that is stopped leaves whole jobs behind, not slivers of many.
// A task that fails with a transient error is put back after a pause, a few times.

export interface PoolTask {
  label: string;
  priority: number;
  run: () => Promise<void>;
  /** Called once when the task is done for good: null on success. */
  settle: (error: unknown) => void;
}

export interface PoolOptions {
  limit: number;
  signal?: AbortSignal;
  retries: number;
  retryDelayMs: number;
  retryable: (e: unknown) => boolean;
}

export class TaskPool {
  private readonly queues: PoolTask[][] = [];
  private active = 0;
  private delayed = 0;
  private idle: (() => void) | null = null;
  private readonly attempts = new WeakMap<PoolTask, number>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: PoolOptions) {
    options.signal?.addEventListener('abort', () => this.onAbort(), { once: true });
  }

  add(task: PoolTask): void {
    (this.queues[task.priority] ??= []).push(task);
    this.pump();
  }

  /** Resolves once nothing is queued, running or waiting to retry (or, after an abort, running). */
  drain(): Promise<void> {
    return new Promise((resolve) => {
      this.idle = resolve;
      this.check();
    });
  }

  private next(): PoolTask | undefined {
    for (let p = this.queues.length - 1; p >= 0; p--) {
      const queue = this.queues[p];
      if (queue && queue.length > 0) return queue.shift();
    }
    return undefined;
  }

  private pump(): void {
    while (this.active < this.options.limit && !this.options.signal?.aborted) {
      const task = this.next();
      if (!task) break;
      this.active++;
      void this.start(task);
    }
    this.check();
  }

  private async start(task: PoolTask): Promise<void> {
    let error: unknown = null;
    try {
      await task.run();
    } catch (e) {
      error = e ?? new Error('failed');
    }
    this.active--;
    if (error !== null && !this.options.signal?.aborted && this.options.retryable(error)) {
      const attempt = (this.attempts.get(task) ?? 0) + 1;
      if (attempt <= this.options.retries) {
        this.attempts.set(task, attempt);
        this.delayed++;
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.delayed--;
          this.add(task);
        }, this.options.retryDelayMs * attempt);
        this.timers.add(timer);
        this.pump();
        return;
      }
    }
    try {
      task.settle(error);
    } finally {
      this.pump();
    }
  }

  private onAbort(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.delayed = 0;
    this.check();
  }

  private check(): void {
    if (!this.idle || this.active > 0) return;
    const queued = this.queues.some((q) => q && q.length > 0);
    if (this.options.signal?.aborted || (!queued && this.delayed === 0)) {
      const done = this.idle;
      this.idle = null;
      done();
    }
  }
}
