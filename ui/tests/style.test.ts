// The 公用文 style check in the editor: findings grouped by rule, each in a few characters of
// its sentence taken from the draft as it reads now, character offsets (as Rust counts them)
// turned into textarea selections even after an emoji or a surrogate pair, 「すべて修正」 only
// where a rule has safe fixes, and the panel in the editor (fix one, fix a rule, move there).
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import Editor from "../src/components/Editor.svelte";
import type { Api } from "../src/lib/api";
import type { Draft } from "../src/generated/Draft";
import type { Location } from "../src/generated/Location";
import type { Report } from "../src/generated/Report";
import type { StyleFinding } from "../src/generated/StyleFinding";
import type { StyleFixed } from "../src/generated/StyleFixed";
import type { Templates } from "../src/generated/Templates";
import builtin from "../src/generated/templates.builtin.json";
import sample from "../../policy-templates/samples/town-8000.hoshin.json";
import {
  fixAt, fixedText, groupByRule, placeLabel, selectionRange, severityLabel, shorten, snippet, stillReads, styleCounts,
  textAt, utf16Index,
  markedPieces,
} from "../src/lib/style";

const T = builtin as unknown as Templates;
const REPORT = { findings: [], coverage: { abilities: [], goals: [], pillars: [], abilities_percent: 0, goals_measured_percent: 0 }, open_errors: 0, open_warnings: 0, acknowledged: 0 } as unknown as Report;
const SECTION = "kihon.shokuinzo";

const at = (over: Partial<Location> = {}): Location => ({
  target: "section", id: SECTION, field: null, field_label: null, label: "本文「目指す職員像」", ...over,
});

function finding(rule: string, start: number, end: number, found: string, fix: string | null, over: Partial<StyleFinding> = {}): StyleFinding {
  const titles: Record<string, string> = { S2: "半角数字", S4: "か月", S6: "用字", S8: "長い文" };
  return {
    rule, severity: "warning", title: titles[rule] ?? rule, message: `${rule} の説明`, location: at(),
    start, end, found, fix, safe: fix !== null, ...over,
  };
}

/** The characters of `text` at a character span, read back through the UTF-16 selection. */
const selected = (text: string, start: number, end: number) => {
  const [a, b] = selectionRange(text, start, end);
  return text.slice(a, b);
};

describe("公用文: findings grouped by rule", () => {
  const findings = [
    finding("S6", 0, 3, "すべて", "全て", { safe: false }),
    finding("S2", 7, 8, "３", "3", { severity: "error" }),
    finding("S4", 8, 10, "ヶ月", "か月"),
    finding("S8", 0, 130, "あ".repeat(130), null),
    finding("S2", 20, 21, "５", "5"),
  ];

  it("lists rules in rule order with their counts, 要対応 when any finding of the rule is", () => {
    const groups = groupByRule(findings);
    expect(groups.map((g) => `${g.rule} ${g.title} ${g.findings.length}件 ${severityLabel(g.severity)}`)).toEqual([
      "S2 半角数字 2件 要対応", "S4 か月 1件 注意", "S6 用字 1件 注意", "S8 長い文 1件 注意",
    ]);
    expect(styleCounts(findings)).toEqual({ errors: 1, warnings: 4, total: 5 });
  });

  it("offers すべて修正 only for rules with safe fixes", () => {
    const fixable = Object.fromEntries(groupByRule(findings).map((g) => [g.rule, g.fixable]));
    // 用字 needs the sentence read (not safe); 長い文 has no fix at all.
    expect(fixable).toEqual({ S2: 2, S4: 1, S6: 0, S8: 0 });
  });

  it("sorts S10 after S9, not after S1", () => {
    const rules = groupByRule([finding("S10", 0, 1, "3", null), finding("S9", 0, 3, "令和1", "令和元"), finding("S1", 0, 1, "，", "、")]);
    expect(rules.map((g) => g.rule)).toEqual(["S1", "S9", "S10"]);
  });
});

describe("公用文: the finding in its sentence", () => {
  const text = "目指す職員像を次のとおりとする。\nすべての職員が３ヶ月ごとに研修を受け、その成果を職場で生かす。\n以上";

  it("shows a few characters either side on the same line, with … where it goes on", () => {
    const start = Array.from(text).indexOf("３");
    const s = snippet(text, { start, end: start + 1, found: "３" }, 5);
    expect(s).toEqual({ before: "…ての職員が", found: "３", after: "ヶ月ごとに…", stale: false });
    // At the start of a line: nothing from the line before.
    const t = snippet(text, { start: 17, end: 20, found: "すべて" }, 5);
    expect(t.before).toBe("");
    expect(t.after).toBe("の職員が３…");
  });

  it("finds the span after an emoji and a surrogate pair (offsets are characters, not UTF-16 units)", () => {
    const t = "😀𠮷の職員が３ヶ月ごとに研修を受ける。";
    // Rust counts 😀 and 𠮷 as one character each: ３ is character 6, UTF-16 index 8.
    expect(Array.from(t)[6]).toBe("３");
    expect(utf16Index(t, 6)).toBe(8);
    expect(selected(t, 6, 7)).toBe("３");
    expect(selected(t, 7, 9)).toBe("ヶ月");
    expect(stillReads(t, 6, 7, "３")).toBe(true);
    expect(snippet(t, { start: 6, end: 7, found: "３" }, 6)).toEqual({ before: "😀𠮷の職員が", found: "３", after: "ヶ月ごとに研…", stale: false });
    // A span that starts with the surrogate pair itself.
    expect(selected(t, 1, 3)).toBe("𠮷の");
  });

  it("says so when the text has changed there since the check", () => {
    const s = snippet("すべての職員が3か月ごとに", { start: 7, end: 8, found: "３" });
    expect(s).toEqual({ before: "", found: "３", after: "", stale: true });
    expect(snippet(null, { start: 0, end: 1, found: "３" }).stale).toBe(true);
    expect(stillReads("短い", 5, 6, "３")).toBe(false);
  });

  it("shortens a whole long sentence to its ends", () => {
    const long = `${"あ".repeat(60)}である。`;
    expect(shorten(long)).toBe(`${"あ".repeat(11)}…${"あ".repeat(7)}である。`);
    expect(shorten("行1\n行2")).toBe("行1↵行2");
  });
});

describe("公用文: where a finding is and its fix", () => {
  const draft = structuredClone(sample.draft) as unknown as Draft;

  it("reads the current text of a section, an item's field and a 推進体制 field", () => {
    expect(textAt(draft, at(), T)).toBe(draft.sections[SECTION]);
    const tr = draft.trainings[0];
    expect(textAt(draft, at({ target: "training", id: tr.id, field: "title", field_label: "名称" }), T)).toBe(tr.title);
    expect(textAt(draft, at({ target: "governance", id: "governance", field: "hr_owner" }), T)).toBe(draft.governance.hr_owner);
    expect(textAt(draft, at({ target: "training", id: "tr-none", field: "title" }), T)).toBeNull();
  });

  it("names the place with the field, and turns a finding into the fix the command takes", () => {
    expect(placeLabel(at({ target: "training", label: "研修「対話研修」", field: "title", field_label: "名称" }))).toBe("研修「対話研修」（名称）");
    expect(placeLabel(at())).toBe("本文「目指す職員像」");
    expect(fixAt(finding("S2", 7, 8, "３", "3"))).toEqual({
      target: "section", id: SECTION, field: null, fix: { start: 7, end: 8, found: "３", fix: "3" },
    });
    expect(fixAt(finding("S8", 0, 130, "あ", null))).toBeNull();
    expect(fixedText(2)).toBe("2件を修正しました");
    expect(fixedText(0)).toContain("修正できませんでした");
  });
});

// ---- the panel in the editor ---------------------------------------------------------

let mounted: Record<string, unknown>[] = [];
afterEach(() => {
  mounted.forEach((c) => unmount(c));
  mounted = [];
  document.body.innerHTML = "";
});

const settle = async (ms = 0) => {
  for (let i = 0; i < 5; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, ms));
  }
  flushSync();
};
const $ = <E extends Element = HTMLElement>(sel: string) => document.querySelector<E>(sel);

describe("公用文 tab in the editor", () => {
  // 😀 first, so character offsets and UTF-16 indexes differ by one.
  const TEXT = "😀すべての職員が３ヶ月ごとに<b>研修</b>を受ける。";
  const S2 = finding("S2", 8, 9, "３", "3", { severity: "error" });
  const S4 = finding("S4", 9, 11, "ヶ月", "か月");
  const S6 = finding("S6", 1, 4, "すべて", "全て", { safe: false });

  function setup(saveDelay = 60_000) {
    const initial = structuredClone(sample.draft) as unknown as Draft;
    initial.sections[SECTION] = TEXT;
    const calls: string[] = [];
    let findings = [S6, S2, S4];
    let text = TEXT;
    const api = {
      checkDraft: vi.fn(async () => ({ ...REPORT })),
      renderMarkdown: vi.fn(async () => ""),
      setSection: vi.fn(async (_d: string, _s: string, t: string) => { calls.push("setSection"); text = t; return { ...REPORT }; }),
      lint: vi.fn(async () => { calls.push("lint"); return findings; }),
      fixStyle: vi.fn(async (_d: string, rule: string | null): Promise<StyleFixed> => {
        calls.push(`fixStyle:${rule}`);
        if (rule === "S4") {
          text = text.replace("ヶ月", "か月");
          findings = [S6, S2];
        } else {
          text = text.replace("３", "3");
          findings = [S6];
        }
        return { applied: 1, report: REPORT, findings };
      }),
      loadDraft: vi.fn(async () => {
        calls.push("loadDraft");
        const d = structuredClone(initial);
        d.sections[SECTION] = text;
        return d;
      }),
    };
    // A long autosave delay: an edit stays pending until something flushes it.
    mounted.push(mount(Editor, { target: document.body, props: { api: api as unknown as Api, initial, templates: T, onBack: () => {}, saveDelay } }));
    return { api, calls };
  }

  it("counts findings in the tab, groups them with their context as text, and fixes a rule after saving what was typed", async () => {
    const { api, calls } = setup();
    await settle();
    const tab = $('[data-tab="style"]')!;
    expect(tab.textContent).toContain("公用文");
    tab.click();
    await settle();
    expect($("[data-style-count]")?.textContent).toBe("3");
    expect([...document.querySelectorAll<HTMLElement>("[data-style-rule]")].map((g) => g.dataset.styleRule)).toEqual(["S2", "S4", "S6"]);
    const s2 = $('[data-style-rule="S2"]')!;
    expect(s2.querySelector("h3")?.textContent).toMatch(/要対応\s*S2\s*半角数字\s*1件/);
    expect(s2.querySelector("mark")?.textContent).toBe("３");
    // The text is never read as HTML: <b> stays as written.
    expect(s2.querySelector("[data-context]")?.textContent?.trim()).toBe("😀すべての職員が３ヶ月ごとに<b>…");
    expect(document.querySelector("#style-panel b")).toBeNull();
    expect(s2.querySelector("[data-fix]")?.textContent).toContain("「３」→「3」");
    expect(s2.textContent).toContain("場所: 本文「目指す職員像」");
    // 用字 needs the sentence read: a 修正 of its own, but no すべて修正.
    expect($('[data-style-rule="S6"] [data-action="fix-rule"]')).toBeNull();
    expect($('[data-style-rule="S6"] [data-action="fix"]')).not.toBeNull();
    expect($('[data-style-rule="S4"] [data-action="fix-rule"]')).not.toBeNull();

    // Typed, not yet saved: すべて修正 saves it first, then fixes, then reloads the draft.
    const area = $<HTMLTextAreaElement>("#section-text")!;
    area.value = `${TEXT}。`;
    area.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    calls.length = 0;
    $<HTMLButtonElement>('[data-style-rule="S4"] [data-action="fix-rule"]')!.click();
    await settle();
    expect(calls.slice(0, 3)).toEqual(["setSection", "fixStyle:S4", "loadDraft"]);
    expect(api.fixStyle).toHaveBeenCalledWith(sample.draft.meta.id, "S4", []);
    expect($<HTMLTextAreaElement>("#section-text")!.value).toBe(`${TEXT.replace("ヶ月", "か月")}。`);
    expect(document.body.textContent).toContain("1件を修正しました");
    expect($("[data-style-count]")?.textContent).toBe("2");
    expect($('[data-style-rule="S4"]')).toBeNull();

    // One finding: its own fix, at its span.
    $<HTMLButtonElement>('[data-style-rule="S2"] [data-action="fix"]')!.click();
    await settle();
    expect(api.fixStyle).toHaveBeenLastCalledWith(sample.draft.meta.id, null, [
      { target: "section", id: SECTION, field: null, fix: { start: 8, end: 9, found: "３", fix: "3" } },
    ]);
    expect($<HTMLTextAreaElement>("#section-text")!.value).toContain("3か月");
    expect($("[data-style-count]")?.textContent).toBe("1");
  });

  it("moves to the text and selects the span, counting the emoji as one character", async () => {
    setup();
    await settle();
    $('[data-tab="style"]')!.click();
    await settle();
    $<HTMLButtonElement>('[data-style-rule="S4"] [data-action="jump"]')!.click();
    await settle();
    const area = $<HTMLTextAreaElement>("#section-text")!;
    expect(document.activeElement).toBe(area);
    expect([area.selectionStart, area.selectionEnd]).toEqual([10, 12]);
    expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe("ヶ月");
  });

  it("refreshes the list a moment after each save, and its buttons are reachable by keyboard", async () => {
    const { api } = setup(5);
    await settle();
    $('[data-tab="style"]')!.click();
    await settle();
    const before = api.lint.mock.calls.length;
    const area = $<HTMLTextAreaElement>("#section-text")!;
    area.value = "すべて";
    area.dispatchEvent(new Event("input", { bubbles: true }));
    await settle(10);
    expect(api.setSection).toHaveBeenCalledTimes(1);
    expect(api.lint.mock.calls.length).toBe(before);
    await new Promise((r) => setTimeout(r, 450));
    await settle();
    expect(api.lint.mock.calls.length).toBe(before + 1);
    const buttons = [...document.querySelectorAll<HTMLButtonElement>("#style-panel button")];
    expect(buttons.length).toBeGreaterThan(0);
    for (const b of buttons) {
      expect(b.tabIndex).toBe(0);
      expect(b.type).toBe("button");
    }
  });
});

describe("marks under the section editor", () => {
  it("cuts the text at the findings' spans, counting characters as Rust does", () => {
    const f = (start: number, end: number, found: string, rule = "S4") => ({ start, end, found, rule, title: "「か月」" });
    const text = "😀研修は３ヶ月ごと。";
    const pieces = markedPieces(text, [f(5, 7, "ヶ月"), f(4, 5, "３", "S2")]);
    expect(pieces.map((p) => [p.text, p.mark !== null])).toEqual([
      ["😀研修は", false],
      ["３", true],
      ["ヶ月", true],
      ["ごと。", false],
    ]);
    expect(pieces.map((p) => p.text).join("")).toBe(text);
    // A finding whose text changed since the check, or that overlaps, is not marked.
    expect(markedPieces(text, [f(5, 7, "か月")]).some((p) => p.mark)).toBe(false);
    expect(markedPieces(text, [f(4, 7, "３ヶ月"), f(5, 7, "ヶ月")]).filter((p) => p.mark)).toHaveLength(1);
  });
});
