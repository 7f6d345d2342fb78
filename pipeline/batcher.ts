/** Options of a {@link Batcher}. */
export interface BatcherOptions {
  /** A batch is written once it holds this many items … */
  maxItems: number;
  /** … or this many milliseconds after its first item arrived. */
  maxWaitMs: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects items for a few milliseconds (or up to `maxItems`) and writes them with one call of `write`, one
 * batch at a time: items arriving while a batch is being written wait for the next one (group commit). Each
 * `add` resolves with its own result once its batch is written, or rejects with the batch's error.
 */
export class Batcher<T, R> {
  private queue: Pending<T, R>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly options: BatcherOptions,
  ) {}

  /** Items waiting for their batch to be written (not counting the batch being written). */
  get waiting(): number {
    return this.queue.length;
  }

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.options.maxItems) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.options.maxWaitMs);
    });
  }

  /** Writes what is waiting now, without waiting for the batch to fill; resolves when all is written. */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.writing) {
      this.kick();
      await this.writing;
    }
  }

  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.writing || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.options.maxItems);
    this.writing = this.run(batch).finally(() => {
      this.writing = undefined;
      // What arrived meanwhile has waited for a whole write already: it goes next (group commit).
      if (this.queue.length > 0) this.kick();
    });
  }

  private async run(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((p) => p.item));
      batch.forEach((p, i) => {
        p.resolve(results[i] as R);
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}
