// Debounced autosave: one pending save per key (a field or an item), run at most `delay` ms
// after the last change, one at a time, in order. `flush()` runs every pending save now
// (window close, leaving the draft, 版を保存).

export type SaveState = "saved" | "saving" | "error";

export interface AutosaverOptions {
  delay?: number;
  onState?: (state: SaveState, message: string) => void;
}

export class Autosaver {
  private pending = new Map<string, { run: () => Promise<void>; timer: ReturnType<typeof setTimeout> }>();
  private chain: Promise<void> = Promise.resolve();
  private running = 0;
  private lastError = "";
  readonly delay: number;
  private onState: (state: SaveState, message: string) => void;

  constructor(opts: AutosaverOptions = {}) {
    this.delay = opts.delay ?? 600;
    this.onState = opts.onState ?? (() => {});
  }

  /** Replace the pending save for `key` and restart its timer. */
  schedule(key: string, run: () => Promise<void>): void {
    const old = this.pending.get(key);
    if (old) clearTimeout(old.timer);
    const timer = setTimeout(() => this.fire(key), this.delay);
    this.pending.set(key, { run, timer });
    this.onState("saving", "");
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
        this.lastError = "";
      } catch (e) {
        this.lastError = typeof e === "string" ? e : e instanceof Error ? e.message : String(e);
      } finally {
        this.running--;
        this.report();
      }
    });
    return this.chain;
  }

  private report() {
    if (this.pending.size > 0 || this.running > 0) this.onState("saving", "");
    else if (this.lastError) this.onState("error", this.lastError);
    else this.onState("saved", "");
  }

  /** Run every pending save now and wait for all of them. */
  async flush(): Promise<void> {
    for (const key of [...this.pending.keys()]) void this.fire(key);
    await this.chain;
  }

  get busy(): boolean {
    return this.pending.size > 0 || this.running > 0;
  }
}
