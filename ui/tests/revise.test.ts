import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import { readFileSync } from "node:fs";
import DiffText from "../src/components/DiffText.svelte";
import CompareView from "../src/components/CompareView.svelte";
import PolicyImportDialog from "../src/components/PolicyImportDialog.svelte";
import { columnTitles, defaultPair, excerpt, itemGroups, mappingPayload, mappingRows, tableLines } from "../src/lib/revise";
import type { Api, PolicyImport } from "../src/lib/api";
import type { Outline } from "../src/generated/Outline";
import type { Row } from "../src/generated/Row";
import type { Templates } from "../src/generated/Templates";
import type { VersionInfo } from "../src/generated/VersionInfo";

let mounted: Record<string, unknown>[] = [];
afterEach(() => {
  mounted.forEach((c) => unmount(c));
  mounted = [];
  document.body.innerHTML = "";
});

const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
  flushSync();
};

const templates = {
  pillars: [
    { id: "kihon", number: 1, heading: "基本的な考え方", items: [{ id: "kihon.shokuinzo", heading: "求められる職員像の明確化" }] },
    { id: "ikusei", number: 2, heading: "人材育成", items: [{ id: "ikusei.ojt", heading: "職場における研修" }, { id: "ikusei.kensyu", heading: "職場外研修" }] },
  ],
} as unknown as Templates;

const outline: Outline = {
  preamble: "やまびこ町人材育成基本方針",
  sections: [
    { level: 1, number: "第1", title: "目指すべき職員像", body: "町民の立場で考え、行動する職員。".repeat(5), line: 5 },
    { level: 1, number: "第3", title: "人材育成の方策", body: "", line: 9 },
    { level: 2, number: "1", title: "職場研修(OJT)の推進", body: "上司が部下を\n\n指導する。", line: 11 },
    { level: 2, number: null, title: "おわりに", body: "以上。", line: 20 },
  ],
};

const row = (item: string, pillar: string, changed: boolean): Row => ({
  item, pillar, heading: `1 ${item}`, old_text: "旧", new_text: changed ? "新" : "旧",
  diff: changed
    ? { old: [{ text: "旧", changed: true }], new: [{ text: "新", changed: true }] }
    : { old: [{ text: "旧", changed: false }], new: [{ text: "旧", changed: false }] },
});

const version = (id: number, kind: VersionInfo["kind"], label = ""): VersionInfo =>
  ({ id, draft_id: "d", label, kind, created_at: "2026-04-01T09:00:00+09:00", title: label ? `版 ${id} ${label}` : `版 ${id}` });

describe("mapping table logic", () => {
  it("lists sections with a body, labelled and preselected with the suggestion", () => {
    const rows = mappingRows(outline, [
      { section: 0, item: "kihon.shokuinzo", score: 0.8, alternatives: [] },
      { section: 2, item: "ikusei.ojt", score: 0.6, alternatives: [] },
      { section: 3, item: null, score: 0.05, alternatives: [] },
    ]);
    expect(rows.map((r) => r.section)).toEqual([0, 2, 3]);
    expect(rows[0].label).toBe("第1 目指すべき職員像");
    expect(rows[2].label).toBe("おわりに");
    expect(rows[0].item).toBe("kihon.shokuinzo");
    expect(rows[2].item).toBeNull();
    expect(Array.from(rows[0].excerpt)).toHaveLength(61);
    expect(rows[0].excerpt.endsWith("…")).toBe(true);
    expect(rows[1].excerpt).toBe("上司が部下を 指導する。");
    rows[1].item = null;
    expect(mappingPayload(rows)).toEqual([[0, "kihon.shokuinzo"], [2, null], [3, null]]);
  });

  it("groups guideline items by 第N and numbers them", () => {
    expect(itemGroups(templates)).toEqual([
      { label: "第1 基本的な考え方", items: [{ id: "kihon.shokuinzo", label: "1 求められる職員像の明確化" }] },
      { label: "第2 人材育成", items: [{ id: "ikusei.ojt", label: "1 職場における研修" }, { id: "ikusei.kensyu", label: "2 職場外研修" }] },
    ]);
    expect(excerpt("短い")).toBe("短い");
  });
});

describe("compare logic", () => {
  it("defaults to the latest baseline against the current draft", () => {
    expect(defaultPair([version(1, "baseline"), version(2, "manual"), version(3, "baseline"), version(4, "manual")])).toEqual({ old: 3, newer: null });
    expect(defaultPair([version(1, "manual"), version(2, "manual")])).toEqual({ old: 2, newer: null });
    expect(defaultPair([])).toEqual({ old: null, newer: null });
  });

  it("shows only changed rows by default, with one pillar heading each", () => {
    const rows = [row("a", "第1 基本", true), row("b", "第1 基本", false), row("c", "第2 育成", false), row("old.1", "", true)];
    expect(tableLines(rows, true).map((l) => (l.kind === "pillar" ? l.label : l.row.item))).toEqual(["第1 基本", "a", "old.1"]);
    expect(tableLines(rows, false).map((l) => (l.kind === "pillar" ? l.label : l.row.item))).toEqual(["第1 基本", "a", "b", "第2 育成", "c", "old.1"]);
    expect(columnTitles(false)).toEqual(["改正案", "現行"]);
    expect(columnTitles(true)).toEqual(["改正後", "改正前"]);
  });
});

describe("DiffText", () => {
  it("underlines changed runs and keeps markup in the text as text", () => {
    mounted.push(mount(DiffText, { target: document.body, props: { segments: [
      { text: "市民の立場で考え、", changed: false },
      { text: "<img src=x onerror=alert(1)>挑戦し、", changed: true },
      { text: "行動する職員", changed: false },
    ] } }));
    flushSync();
    const u = document.querySelectorAll("u.changed");
    expect(u).toHaveLength(1);
    expect(u[0].textContent).toBe("<img src=x onerror=alert(1)>挑戦し、");
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector(".diff-text")?.textContent).toBe("市民の立場で考え、<img src=x onerror=alert(1)>挑戦し、行動する職員");
  });

  it("never uses {@html} in the revision views", () => {
    for (const f of ["DiffText", "CompareView", "PolicyImportDialog"]) {
      expect(readFileSync(`${process.cwd()}/src/components/${f}.svelte`, "utf8")).not.toContain("{@html");
    }
  });
});

function fakeApi(over: Partial<Api>): Api {
  return over as Api;
}

describe("PolicyImportDialog", () => {
  it("preselects suggestions and sends the confirmed mapping with the token", async () => {
    const picked: PolicyImport = {
      token: 7, file_name: "yamabiko-2006.txt", outline,
      suggestions: [{ section: 0, item: "kihon.shokuinzo", score: 0.8, alternatives: [] }, { section: 2, item: "ikusei.ojt", score: 0.5, alternatives: [] }, { section: 3, item: null, score: 0, alternatives: [] }],
    };
    const importPolicy = vi.fn(async () => version(5, "baseline", "現行方針（yamabiko-2006.txt から取り込み）"));
    const onImported = vi.fn();
    mounted.push(mount(PolicyImportDialog, { target: document.body, props: {
      api: fakeApi({ pickOldPolicy: async () => picked, importPolicy }), draftId: "d-1", templates, onClose: () => {}, onImported,
    } }));
    flushSync();
    (document.getElementById("policy-pick") as HTMLButtonElement).click();
    await settle();
    const sel = document.getElementById("map-2") as HTMLSelectElement;
    expect(sel.value).toBe("ikusei.ojt");
    expect(Array.from(sel.querySelectorAll("optgroup")).map((g) => g.label)).toEqual(["第1 基本的な考え方", "第2 人材育成"]);
    expect(sel.options[0].textContent).toBe("対応なし");
    expect((document.getElementById("map-3") as HTMLSelectElement).selectedIndex).toBe(0);
    sel.value = "ikusei.kensyu";
    sel.dispatchEvent(new Event("change", { bubbles: true }));
    (document.getElementById("policy-confirm") as HTMLButtonElement).click();
    await settle();
    expect(importPolicy).toHaveBeenCalledWith("d-1", 7, [[0, "kihon.shokuinzo"], [2, "ikusei.kensyu"], [3, null]]);
    expect(onImported).toHaveBeenCalled();
  });
});

describe("CompareView", () => {
  it("compares the latest baseline with the current draft, changed rows only, 改正案 left", async () => {
    const compareVersions = vi.fn(async () => [row("kihon.shokuinzo", "第1 基本的な考え方", true), row("ikusei.ojt", "第2 人材育成", false)]);
    mounted.push(mount(CompareView, { target: document.body, props: {
      api: fakeApi({ versions: async () => [version(1, "manual", "第1回"), version(2, "baseline", "現行方針")], compareVersions }),
      draftId: "d-1", flush: async () => {}, onImport: () => {},
    } }));
    await settle();
    expect(compareVersions).toHaveBeenCalledWith("d-1", 2, null);
    const heads = Array.from(document.querySelectorAll("thead th")).map((th) => th.firstChild?.textContent);
    expect(heads).toEqual(["改正案", "現行"]);
    expect(document.querySelectorAll("tr[data-row]")).toHaveLength(1);
    expect(document.querySelector('tr[data-row="kihon.shokuinzo"] td[data-col="old"] u')?.textContent).toBe("旧");
    const only = document.getElementById("compare-only-changed") as HTMLInputElement;
    expect(only.checked).toBe(true);
    only.click();
    flushSync();
    expect(document.querySelectorAll("tr[data-row]")).toHaveLength(2);
    (document.getElementById("compare-adopted") as HTMLInputElement).click();
    flushSync();
    expect(Array.from(document.querySelectorAll("thead th")).map((th) => th.firstChild?.textContent)).toEqual(["改正後", "改正前"]);
  });
});

describe("ExportDialog", () => {
  it("offers the 新旧対照表 and leads to the compare view", async () => {
    const { default: ExportDialog } = await import("../src/components/ExportDialog.svelte");
    const onCompare = vi.fn();
    const c = mount(ExportDialog, {
      target: document.body,
      props: { api: {} as Api, draftId: "d-1", report: null, onClose: () => {}, flush: async () => {}, onCompare },
    });
    mounted.push(c);
    await settle();
    const button = document.querySelector<HTMLButtonElement>("#export-compare");
    expect(button?.textContent).toContain("新旧対照表を書き出す");
    button!.click();
    expect(onCompare).toHaveBeenCalledTimes(1);
  });
});
