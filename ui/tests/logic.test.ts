import { afterEach, describe, expect, it, vi } from "vitest";
import { Autosaver, type SaveState } from "../src/lib/autosave";
import { filterOptions, normalise } from "../src/lib/picker";
import { isComposing, isPlainEnter, isSaveShortcut } from "../src/lib/ime";
import { countLabel, fieldSelector, findingsFor, guideFor, statusOf, STATUS_LABEL, STATUS_MARK } from "../src/lib/guide";
import type { Finding } from "../src/generated/Finding";
import type { GuideItem } from "../src/generated/GuideItem";
import type { Templates } from "../src/generated/Templates";

const g = (id: string, expects: string[] = []): GuideItem => ({
  id, heading: id, basis: "guideline", purpose: "", guidance: "", questions: [], example_small: "", example_large: "", expects,
});
const T = {
  pillars: [
    { id: "kihon", number: 1, heading: "基本", purpose: "", items: [g("kihon.shokuinzo", ["personas"]), g("kihon.noryoku", ["abilities"])] },
    { id: "ikusei", number: 2, heading: "育成", purpose: "", items: [g("ikusei.ojt", ["trainings"]), g("ikusei.reskilling", ["abilities", "trainings"])] },
  ],
} as unknown as Templates;

function finding(rule: string, target: Finding["location"]["target"], id: string, over: Partial<Finding> = {}): Finding {
  return {
    rule, severity: rule.startsWith("E") ? "error" : "warning", title: "", message: "", key: `${rule}/${id}/`, acknowledgement: null,
    location: { target, id, field: null, field_label: null, label: "" }, ...over,
  };
}

describe("status marks", () => {
  const item = T.pillars[0].items[1];
  it("is 未着手 without text, 要対応 with an open error, 作成中 with warnings, 完了 when clean", () => {
    expect(statusOf(item, { sections: {} }, [])).toBe("untouched");
    expect(statusOf(item, { sections: { "kihon.noryoku": "本文" } }, [])).toBe("done");
    expect(statusOf(item, { sections: { "kihon.noryoku": "本文" } }, [finding("W1", "ability", "ab-1")])).toBe("writing");
    expect(statusOf(item, { sections: {} }, [finding("E1", "ability", "ab-1")])).toBe("action");
  });
  it("ignores acknowledged findings", () => {
    const acked = finding("E1", "ability", "ab-1", { acknowledgement: { key: "k", rule: "E1", reason: "予定", by: "", at: "" } });
    expect(statusOf(item, { sections: { "kihon.noryoku": "本文" } }, [acked])).toBe("done");
    expect(countLabel([acked])).toBe("");
  });
  it("reads without colour: every status has a mark and a word", () => {
    for (const s of ["untouched", "writing", "done", "action"] as const) {
      expect(STATUS_MARK[s]).toBeTruthy();
      expect(STATUS_LABEL[s]).toMatch(/未着手|作成中|完了|要対応/);
    }
    expect(countLabel([finding("E1", "ability", "a"), finding("E2", "training", "t"), finding("W3", "ability", "a")])).toBe("要対応 2・注意 1");
  });
  it("puts item findings under the guideline items that edit that list, and jumps there", () => {
    const e1 = finding("E1", "ability", "ab-1");
    const sec = finding("W2", "section", "ikusei.ojt");
    expect(findingsFor([e1, sec], T.pillars[0].items[1], T)).toEqual([e1]);
    expect(findingsFor([e1, sec], T.pillars[1].items[0], T)).toEqual([sec]);
    expect(guideFor(e1.location, T)).toBe("kihon.noryoku");
    expect(guideFor(e1.location, T, "ikusei.reskilling")).toBe("ikusei.reskilling");
    expect(guideFor({ ...e1.location, target: "draft" }, T)).toBeNull();
    expect(fieldSelector({ target: "training", id: "tr-1", field: "abilities", field_label: null, label: "" })).toContain('[data-item-id="tr-1"] [data-picker="abilities"]');
  });
});

describe("chip picker filtering", () => {
  const opts = [
    { id: "a", name: "住民対話力" },
    { id: "b", name: "データ活用力" },
    { id: "c", name: "ＤＸ推進力" },
    { id: "d", name: "コミュニケーション力" },
  ];
  it("matches by name, ignoring width, case and hiragana/katakana", () => {
    expect(filterOptions(opts, "対話").map((o) => o.id)).toEqual(["a"]);
    expect(filterOptions(opts, "dx").map((o) => o.id)).toEqual(["c"]);
    expect(filterOptions(opts, "こみゅ").map((o) => o.id)).toEqual(["d"]);
    expect(normalise("ＡＢＣ　ｄ")).toBe("abcd");
  });
  it("leaves out what is chosen and puts prefix matches first", () => {
    expect(filterOptions(opts, "", ["a", "b"]).map((o) => o.id)).toEqual(["c", "d"]);
    expect(filterOptions([{ id: "x", name: "研修の活用力" }, { id: "y", name: "活用力" }], "活用").map((o) => o.id)).toEqual(["y", "x"]);
  });
});

describe("IME guard", () => {
  const key = (o: Partial<KeyboardEvent>) => ({ key: "Enter", isComposing: false, keyCode: 13, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...o }) as KeyboardEvent;
  it("never treats the conversion Enter (isComposing or keyCode 229) as an action", () => {
    expect(isComposing(key({ isComposing: true }))).toBe(true);
    expect(isComposing(key({ keyCode: 229 }))).toBe(true);
    expect(isPlainEnter(key({ keyCode: 229 }))).toBe(false);
    expect(isPlainEnter(key({}))).toBe(true);
    expect(isPlainEnter(key({ shiftKey: true }))).toBe(false);
  });
  it("Ctrl+S saves a version, but not while composing", () => {
    expect(isSaveShortcut(key({ key: "s", ctrlKey: true, keyCode: 83 }))).toBe(true);
    expect(isSaveShortcut(key({ key: "s", ctrlKey: true, keyCode: 229 }))).toBe(false);
    expect(isSaveShortcut(key({ key: "s", keyCode: 83 }))).toBe(false);
  });
});

describe("autosave debounce", () => {
  afterEach(() => vi.useRealTimers());

  it("saves once, ≤ 1 s after the last keystroke, and reports 保存中… then 保存済み", async () => {
    vi.useFakeTimers();
    const states: SaveState[] = [];
    const saver = new Autosaver({ delay: 600, onState: (s) => states.push(s) });
    const save = vi.fn(async () => {});
    for (let i = 0; i < 5; i++) {
      saver.schedule("section:a", save);
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(400);
    expect(save).toHaveBeenCalledTimes(1);
    expect(saver.delay).toBeLessThanOrEqual(1000);
    expect(states[0]).toBe("saving");
    expect(states.at(-1)).toBe("saved");
  });

  it("flush runs pending saves at once (window close)", async () => {
    const saver = new Autosaver({ delay: 60_000 });
    const a = vi.fn(async () => {});
    const b = vi.fn(async () => {});
    saver.schedule("a", a);
    saver.schedule("b", b);
    await saver.flush();
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(1);
    expect(saver.busy).toBe(false);
  });

  it("keeps the error message until a later save succeeds", async () => {
    const states: [SaveState, string][] = [];
    const saver = new Autosaver({ delay: 1, onState: (s, m) => states.push([s, m]) });
    saver.schedule("a", async () => { throw "ディスクがいっぱいです"; });
    await saver.flush();
    expect(states.at(-1)).toEqual(["error", "ディスクがいっぱいです"]);
    saver.schedule("a", async () => {});
    await saver.flush();
    expect(states.at(-1)).toEqual(["saved", ""]);
  });
});

import { linkersOf } from "../src/lib/guide";
import type { Draft as DraftForLinkers } from "../src/generated/Draft";

describe("linkersOf", () => {
  it("names the items that link to one about to be deleted", () => {
    const d = {
      personas: [], goals: [{ id: "gl-1", title: "目標", abilities: ["ab-1"] }],
      abilities: [{ id: "ab-1", name: "対話する力", personas: [] }, { id: "ab-2", name: "別の力", personas: [] }],
      trainings: [{ id: "tr-1", title: "対話研修", abilities: ["ab-1"], goals: [] }],
      hirings: [{ id: "hr-1", field: "情報", abilities: ["ab-2"], goals: [] }],
      indicators: [],
    } as unknown as DraftForLinkers;
    expect(linkersOf(d, "ab-1")).toEqual(["目標・施策「目標」", "研修「対話研修」"]);
    expect(linkersOf(d, "tr-1")).toEqual([]);
  });
});
