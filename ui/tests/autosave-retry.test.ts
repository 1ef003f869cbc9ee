import { afterEach, describe, expect, it, vi } from "vitest";
import { Autosaver, type SaveState } from "../src/lib/autosave";
import { errorText } from "../src/lib/errors";

afterEach(() => vi.useRealTimers());

const diskFull = { code: "store.disk_full", message: "ディスクの空きが足りないため保存できませんでした", hint: "ディスクに空きを作ってください", retry: true };

describe("autosave on a full disk", () => {
  it("keeps the typed text, says so, and saves it once there is space", async () => {
    vi.useFakeTimers();
    const states: [SaveState, string][] = [];
    const saver = new Autosaver({ delay: 100, retryDelay: 1000, onState: (s, m) => states.push([s, m]) });
    let full = true;
    const saved: string[] = [];
    const save = (text: string) => async () => {
      if (full) throw diskFull;
      saved.push(text);
    };
    saver.schedule("section:a", save("本文"));
    await vi.advanceTimersByTimeAsync(150);
    expect(states.at(-1)).toEqual(["error", errorText(diskFull)]);
    expect(saver.waitingForRetry).toBe(1);
    // Still full at the first retry: nothing saved, still waiting.
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual([]);
    expect(saver.waitingForRetry).toBe(1);
    full = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual(["本文"]);
    expect(states.at(-1)).toEqual(["saved", ""]);
    expect(saver.waitingForRetry).toBe(0);
  });

  it("saves the newer text when the field changed while waiting for a retry", async () => {
    vi.useFakeTimers();
    const saver = new Autosaver({ delay: 100, retryDelay: 1000 });
    let full = true;
    const saved: string[] = [];
    const save = (text: string) => async () => {
      if (full) throw diskFull;
      saved.push(text);
    };
    saver.schedule("section:a", save("古い"));
    await vi.advanceTimersByTimeAsync(150);
    full = false;
    saver.schedule("section:a", save("新しい"));
    await vi.advanceTimersByTimeAsync(2000);
    expect(saved).toEqual(["新しい"]);
  });

  it("does not retry an error the user has to fix", async () => {
    vi.useFakeTimers();
    const states: SaveState[] = [];
    const saver = new Autosaver({ delay: 100, retryDelay: 1000, onState: (s) => states.push(s) });
    const run = vi.fn(async () => {
      throw { code: "input.invalid", message: "文字数が多すぎます", hint: "", retry: false };
    });
    saver.schedule("item:x", run);
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).toHaveBeenCalledTimes(1);
    expect(states.at(-1)).toBe("error");
    expect(saver.waitingForRetry).toBe(0);
  });
});

describe("the coded error behind a failed save", () => {
  it("is passed with the error state (for the banner) and cleared once saved", async () => {
    vi.useFakeTimers();
    const seen: [SaveState, string | null][] = [];
    const saver = new Autosaver({ delay: 100, retryDelay: 1000, onState: (s, _m, e) => seen.push([s, e?.code ?? null]) });
    let locked = true;
    saver.schedule("section:a", async () => {
      if (locked) throw { code: "store.locked", message: "データベースを他のプログラムが使用中のため、保存できませんでした", hint: "", retry: true };
    });
    await vi.advanceTimersByTimeAsync(150);
    expect(seen.at(-1)).toEqual(["error", "store.locked"]);
    locked = false;
    // 「もう一度保存」 runs the waiting save now, before the automatic retry.
    await saver.flush();
    expect(seen.at(-1)).toEqual(["saved", null]);
    expect(saver.waitingForRetry).toBe(0);
  });
});
