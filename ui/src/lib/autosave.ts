// Debounced autosave: one pending save per key (a field or an item), run at most `delay` ms
// after the last change, one at a time, in order. `flush()` runs every pending save now
// (window close, leaving the draft, 版を保存).
//
// A save that fails for a reason that may pass by itself (a full disk, a database locked by
// another process) stays pending and is tried again every `retryDelay` ms, until it succeeds
// or a newer edit of the same field replaces it: the typed text is never dropped.

import { asOpError, errorText, isRetryable, type OpError } from "./errors";

export type SaveState = "saved" | "saving" | "error";

export interface AutosaverOptions {
  delay?: number;
  /** How long to wait before trying a retryable failure again. */
  retryDelay?: number;
  /** `error`: the coded error behind an "error" state (null otherwise, or when not coded). */
  onState?: (state: SaveState, message: string, error: OpError | null) => void;
}

type Pending = { run: () => Promise<void>; timer: ReturnType<typeof setTimeout>; retrying: boolean };

export class Autosaver {
  private pending = new Map<string, Pending>();
  private chain: Promise<void> = Promise.resolve();
  private running = 0;
  private lastError = "";
  private lastOpError: OpError | null = null;
  readonly delay: number;
  readonly retryDelay: number;
  private onState: (state: SaveState, message: string, error: OpError | null) => void;

  constructor(opts: AutosaverOptions = {}) {
    this.delay = opts.delay ?? 600;
    this.retryDelay = opts.retryDelay ?? 5000;
    this.onState = opts.onState ?? (() => {});
  }

  /** Replace the pending save for `key` and restart its timer. */
  schedule(key: string, run: () => Promise<void>): void {
    const old = this.pending.get(key);
    if (old) clearTimeout(old.timer);
    const timer = setTimeout(() => this.fire(key), this.delay);
    this.pending.set(key, { run, timer, retrying: false });
    if (!this.lastError) this.onState("saving", "", null);
  }

  private fire(key: string): Promise<void> {
    const p = this.pending.get(key);
    if (!p) return this.chain;
    clearTimeout(p.timer);
    this.pending.delete(key);
    this.running++;
    this.chain = this.chain.then(async () => {
      try {
        await p.run();
        if (![...this.pending.values()].some((q) => q.retrying)) {
          this.lastError = "";
          this.lastOpError = null;
        }
      } catch (e) {
        this.lastError = errorText(e);
        this.lastOpError = asOpError(e);
        // Keep the save for a retry unless a newer edit of the same key replaced it.
        if (isRetryable(e) && !this.pending.has(key)) {
          const timer = setTimeout(() => this.fire(key), this.retryDelay);
          this.pending.set(key, { run: p.run, timer, retrying: true });
        }
      } finally {
        this.running--;
        this.report();
      }
    });
    return this.chain;
  }

  private report() {
    const waiting = [...this.pending.values()].some((p) => !p.retrying);
    if (this.lastError && !waiting && this.running === 0) this.onState("error", this.lastError, this.lastOpError);
    else if (this.pending.size > 0 || this.running > 0)
      this.onState(this.lastError ? "error" : "saving", this.lastError, this.lastError ? this.lastOpError : null);
    else this.onState("saved", "", null);
  }

  /** Run every pending save now and wait for all of them. */
  async flush(): Promise<void> {
    for (const key of [...this.pending.keys()]) void this.fire(key);
    await this.chain;
  }

  get busy(): boolean {
    return this.pending.size > 0 || this.running > 0;
  }

  /** Saves that failed and wait to be tried again. */
  get waitingForRetry(): number {
    return [...this.pending.values()].filter((p) => p.retrying).length;
  }
}
