// 職員数の見通し: the table rows, the chart, numbers as typed (percent ↔ fraction), the
// categories one can add, Rust's refusals placed on their fields, and the view itself with a
// fake api: typed values saved through the editor's autosave, the projection refreshed, a
// refused value kept on screen, nothing taken while an IME is composing.
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import WorkforceView from "../src/components/WorkforceView.svelte";
import Editor from "../src/components/Editor.svelte";
import type { Api } from "../src/lib/api";
import { Autosaver } from "../src/lib/autosave";
import { reactive } from "./reactive.svelte";
import {
  addCategory, chart, parseCount, parseDelta, percentToRate, problemsOf, rateToPercent, removeCategory, setCount, signedText, tableRows,
  unusedCategories, type YearRow,
} from "../src/lib/workforce";
import type { Draft } from "../src/generated/Draft";
import type { Finding } from "../src/generated/Finding";
import type { ProjectionRow } from "../src/generated/ProjectionRow";
import type { Report } from "../src/generated/Report";
import type { Templates } from "../src/generated/Templates";
import type { Workforce } from "../src/generated/Workforce";
import builtin from "../src/generated/templates.builtin.json";
import sample from "../../policy-templates/samples/city-300000.hoshin.json";

const T = builtin as unknown as Templates;
const CATS = T.lists.job_categories;
const REPORT = { findings: [], coverage: { abilities: [], goals: [], pillars: [], abilities_percent: 0, goals_measured_percent: 0 }, open_errors: 0, open_warnings: 0, acknowledged: 0 } as unknown as Report;
const city = (): Draft => structuredClone(sample.draft) as unknown as Draft;

/** The projection as Rust makes it, for typed leavers (enough for these tests). */
function project(d: Draft): ProjectionRow[] {
  const out: ProjectionRow[] = [];
  for (const row of d.workforce.rows) {
    let staff = row.staff;
    for (let fy = d.meta.period.from; fy <= d.meta.period.to; fy++) {
      const hires = d.hirings
        .filter((h) => h.job_category === row.category && h.count_kind === "hire")
        .flatMap((h) => h.headcount)
        .filter((y) => y.fy === fy)
        .reduce((n, y) => n + y.count, 0);
      const typed = row.leavers.find((y) => y.fy === fy);
      const leavers = typed?.count ?? (row.ages.length ? 20 : 0);
      const reappointed = row.reappointed.filter((r) => r.fy === fy).reduce((n, r) => n + r.delta, 0);
      const projected = staff + hires + reappointed - leavers;
      const teiin = row.teiin.find((y) => y.fy === fy)?.count ?? null;
      const actual = row.actual.find((y) => y.fy === fy)?.count ?? null;
      out.push({ category: row.category, fy, staff, leavers, hires, reappointed, projected, teiin, actual, derived: !typed && row.ages.length > 0 });
      staff = projected;
    }
  }
  return out;
}

const yr = (fy: number, over: Partial<YearRow> = {}): YearRow => ({
  fy, label: `令和${fy - 2018}年度`, staff: 100, leavers: 5, derived: false, hires: 5, reappointed: 0, projected: 100, teiin: 100, actual: null, diff: 0, beyond: false, ...over,
});

describe("the table of a category", () => {
  it("takes the projection from Rust and 定員 and 実員 from the frame, with 差 = 見込み − 定員", () => {
    const d = city();
    const general = d.workforce.rows.find((r) => r.category === "general")!;
    const rows = tableRows(general, project(d), [2027, 2028, 2029, 2030], 0.03);
    expect(rows[0]).toMatchObject({ label: "令和9年度", staff: 1650, leavers: 40, hires: 59, projected: 1669, teiin: 1660, actual: 1664, diff: 9, beyond: false });
    expect(signedText(rows[0].diff)).toBe("+9");

    // Below 定員: a minus sign; far below: flagged like the checker's W12.
    general.teiin = setCount(general.teiin, 2027, 1700);
    const below = tableRows(general, project(d), [2027], 0.03)[0];
    expect(below.diff).toBe(-31);
    expect(signedText(below.diff)).toBe("−31");
    expect(below.beyond).toBe(false);
    general.teiin = setCount(general.teiin, 2027, 1800);
    expect(tableRows(general, project(d), [2027], 0.03)[0].beyond).toBe(true);
    // No 定員 for the year: no difference.
    general.teiin = setCount(general.teiin, 2027, null);
    expect(tableRows(general, project(d), [2027], 0.03)[0].diff).toBeNull();
    expect(signedText(null)).toBe("－");
    expect(signedText(0)).toBe("0");
  });

  it("keeps the years of a list in order and forgets a cleared one", () => {
    const l = setCount(setCount([{ fy: 2029, count: 5 }], 2027, 3), 2028, 4);
    expect(l.map((y) => y.fy)).toEqual([2027, 2028, 2029]);
    expect(setCount(l, 2028, null).map((y) => y.fy)).toEqual([2027, 2029]);
  });
});

describe("numbers as typed", () => {
  it("shows a fraction as a percentage and stores the percentage typed as a fraction", () => {
    expect(rateToPercent(0.015)).toBe("1.5");
    expect(rateToPercent(0.07)).toBe("7");
    expect(rateToPercent(null)).toBe("");
    expect(percentToRate("1.5")).toEqual({ ok: true, value: 0.015 });
    expect(percentToRate("１．５％")).toEqual({ ok: true, value: 0.015 });
    expect(percentToRate("")).toEqual({ ok: true, value: null });
    for (const pct of ["0.1", "2.25", "7", "12.5", "100"]) {
      const p = percentToRate(pct);
      expect(p.ok && rateToPercent(p.value)).toBe(pct);
    }
    const bad = percentToRate("多め");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain("％");
  });

  it("reads head counts with commas and 人, refuses negative or broken ones, and takes ▲ as minus for 再任用", () => {
    expect(parseCount("1,650人", "職員数")).toEqual({ ok: true, value: 1650 });
    expect(parseCount("１６６０", "定員")).toEqual({ ok: true, value: 1660 });
    expect(parseCount(" ", "定員")).toEqual({ ok: true, value: null });
    for (const raw of ["-3", "12.5", "たくさん"]) {
      const p = parseCount(raw, "定員");
      expect(p.ok).toBe(false);
      expect(!p.ok && p.message).toContain("0以上の整数");
    }
    expect(parseDelta("+4", "再任用")).toEqual({ ok: true, value: 4 });
    expect(parseDelta("▲2", "再任用")).toEqual({ ok: true, value: -2 });
    expect(parseDelta("−3", "再任用")).toEqual({ ok: true, value: -3 });
    expect(parseDelta("少し", "再任用").ok).toBe(false);
  });
});

describe("categories", () => {
  it("offers only the job categories not used yet, and adds one once", () => {
    const w = city().workforce;
    expect(unusedCategories(CATS, w).map((c) => c.id)).toEqual(["childcare", "fire", "other"]);
    const added = addCategory(w, "fire");
    expect(added.rows.map((r) => r.category)).toEqual(["general", "technical", "welfare", "fire"]);
    expect(added.rows[3]).toMatchObject({ staff: 0, teiin: [], leavers: [], actual: [] });
    expect(unusedCategories(CATS, added).map((c) => c.id)).toEqual(["childcare", "other"]);
    expect(addCategory(added, "fire")).toBe(added);
    expect(removeCategory(added, "general").rows.map((r) => r.category)).toEqual(["technical", "welfare", "fire"]);
  });
});

describe("refusals from Rust", () => {
  it("names the category, year and field of each problem, and the rate in percent", () => {
    const w = city().workforce;
    const e = {
      code: "input.invalid",
      message: "入力に問題があります。\n  $.workforce.rows[0].teiin[1].fy: 2028年度の定員が二度書かれています。一つにまとめてください\n  $.workforce.other_leaver_rate: 定年以外の退職率は 0～1 の小数で入力してください（例: 0.015 は1.5％）",
      hint: "示された箇所を直してから、もう一度試してください",
      retry: false,
    };
    const ps = problemsOf(e, w, CATS);
    expect(ps).toEqual([
      { key: "general:teiin:2028", text: "一般行政・令和10年度の定員: 2028年度の定員が二度書かれています。一つにまとめてください" },
      { key: "rate", text: expect.stringContaining("0～100％") },
    ]);
    // Not an input problem: said as it came.
    expect(problemsOf({ code: "store.locked", message: "データベースが他のプログラムに使われています", hint: "", retry: true }, w, CATS)).toEqual([
      { key: null, text: "データベースが他のプログラムに使われています" },
    ]);
  });
});

describe("the chart", () => {
  const rows = [
    yr(2027, { projected: 1669, teiin: 1660, actual: 1664 }),
    yr(2028, { projected: 1650, teiin: 1660, actual: 1648 }),
    yr(2029, { projected: 1670, teiin: null }),
    yr(2030, { projected: 1690, teiin: 1660 }),
  ];

  it("puts later years to the right and larger head counts higher", () => {
    const c = chart(rows, "一般行政");
    const p = c.projected.points;
    expect(p.map((q) => q.fy)).toEqual([2027, 2028, 2029, 2030]);
    expect(p[0].x).toBeLessThan(p[1].x);
    expect(p[1].x).toBeLessThan(p[3].x);
    // 1690 > 1669 > 1650: higher on screen means a smaller y.
    expect(p[3].y).toBeLessThan(p[0].y);
    expect(p[0].y).toBeLessThan(p[1].y);
    // 実員 1664 sits between 1650 and 1669, at its year's x.
    const a = c.actual;
    expect(a.map((q) => q.fy)).toEqual([2027, 2028]);
    expect(a[0].x).toBe(p[0].x);
    expect(a[0].y).toBeGreaterThan(p[0].y);
    expect(a[0].y).toBeLessThan(p[1].y);
    // Every point inside the plot.
    for (const q of [...p, ...a, ...c.teiin.points]) {
      expect(q.y).toBeGreaterThanOrEqual(c.top);
      expect(q.y).toBeLessThanOrEqual(c.bottom);
    }
  });

  it("breaks the 定員 line where a year has none, labels the axis and says it in words", () => {
    const c = chart(rows, "一般行政");
    expect(c.projected.d.match(/M/g)).toHaveLength(1);
    expect(c.teiin.d.match(/M/g)).toHaveLength(2);
    expect(c.years.map((y) => y.label)).toEqual(["令和9", "令和10", "令和11", "令和12"]);
    const values = c.ticks.map((t) => t.value);
    expect(Math.min(...values)).toBeLessThanOrEqual(1648);
    expect(Math.max(...values)).toBeGreaterThanOrEqual(1690);
    expect(c.title).toContain("令和9年度: 見込み 1,669人、定員 1,660人、実員 1,664人");
    expect(c.title).toContain("令和11年度: 見込み 1,670人、定員 未入力、実員 未記録");
  });

  it("never lets year labels of a long plan overlap", () => {
    const long = Array.from({ length: 12 }, (_, i) => yr(2025 + i));
    const c = chart(long, "消防");
    expect(c.years.length).toBeLessThan(12);
    for (let i = 1; i < c.years.length; i++) expect(c.years[i].x - c.years[i - 1].x).toBeGreaterThanOrEqual(40);
  });
});

// ---- the view ------------------------------------------------------------------------------

let mounted: Record<string, unknown>[] = [];
afterEach(() => {
  mounted.forEach((c) => unmount(c));
  mounted = [];
  document.body.innerHTML = "";
});
const settle = async (ms = 0) => {
  for (let i = 0; i < 6; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, ms));
  }
  flushSync();
};
const $ = <E extends Element = HTMLElement>(sel: string) => document.querySelector<E>(sel);
const cell = (cat: string, fy: number, col: string) => $(`[data-wf-category="${cat}"] tr[data-fy="${fy}"] td[data-col="${col}"]`)!;
const input = (cat: string, fy: number, col: string) => cell(cat, fy, col).querySelector("input")!;
function change(el: HTMLInputElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event("change", { bubbles: true }));
}

/** A store behind a fake api: what was saved is what the projection is computed from. */
function fakeStore(refuse?: (w: Workforce) => unknown) {
  const stored = city();
  const api = {
    workforce: vi.fn(async () => project(stored)),
    setWorkforce: vi.fn(async (_id: string, w: Workforce) => {
      const err = refuse?.(w);
      if (err) throw err;
      stored.workforce = structuredClone(w);
      return REPORT;
    }),
  };
  return { api, stored };
}

async function openView(api: ReturnType<typeof fakeStore>["api"], findings: Finding[] = []) {
  const draft = reactive(city());
  const saver = new Autosaver({ delay: 1 });
  mounted.push(mount(WorkforceView, {
    target: document.body,
    props: { api: api as unknown as Api, draft, templates: T, findings, onReport: () => {}, schedule: (run: () => Promise<void>) => saver.schedule("workforce", run) },
  }));
  await settle();
  return { draft, saver };
}

describe("WorkforceView", () => {
  it("shows a category's years and saves a changed 定員, then shows the new 差", async () => {
    const { api, stored } = fakeStore();
    const { saver } = await openView(api);
    expect($("[data-wf-category=general] h3")?.textContent).toBe("一般行政");
    const row = $('[data-wf-category=general] tr[data-fy="2027"]')!;
    expect(row.querySelector("th[scope=row]")?.textContent).toBe("令和9年度");
    expect(input("general", 2027, "staff").value).toBe("1650");
    expect(cell("general", 2027, "hires").textContent?.trim()).toBe("59");
    expect(cell("general", 2027, "projected").textContent?.trim()).toBe("1,669");
    expect(input("general", 2027, "teiin").value).toBe("1660");
    expect(input("general", 2027, "actual").value).toBe("1664");
    expect(cell("general", 2027, "diff").textContent?.trim()).toBe("+9");
    // 技術 has an age table: its blank leavers are estimates, marked as such.
    expect(cell("technical", 2027, "leavers").textContent).toContain("推計");
    expect(cell("general", 2027, "leavers").textContent).not.toContain("推計");

    change(input("general", 2027, "teiin"), "1,700");
    await saver.flush();
    await settle();
    expect(api.setWorkforce).toHaveBeenCalledTimes(1);
    expect(stored.workforce.rows[0].teiin.find((y) => y.fy === 2027)?.count).toBe(1700);
    expect(api.workforce).toHaveBeenCalledTimes(2);
    expect(cell("general", 2027, "diff").textContent?.trim()).toBe("−31");
    // The chart follows: its 定員 line starts higher than 1,669's square.
    const svg = $("[data-wf-category=general] svg[role=img]")!;
    expect(svg.querySelector("title")?.textContent).toContain("定員 1,700人");
  });

  it("explains a value it cannot read, keeps it in the field and saves nothing", async () => {
    const { api } = fakeStore();
    const { saver } = await openView(api);
    const el = input("general", 2028, "actual");
    change(el, "千六百");
    await saver.flush();
    await settle();
    expect(api.setWorkforce).not.toHaveBeenCalled();
    expect(el.value).toBe("千六百");
    expect(el.getAttribute("aria-invalid")).toBe("true");
    expect($("#wf-errors")?.textContent).toContain("一般行政の令和10年度の実員「千六百」は0以上の整数");
    // Fixed: the message goes and the value is saved.
    change(el, "1648");
    await saver.flush();
    await settle();
    expect($("#wf-errors")).toBeNull();
    expect(api.setWorkforce).toHaveBeenCalledTimes(1);
  });

  it("shows the rate as a percentage, saves it as a fraction, and keeps a refused one on screen", async () => {
    const refuse = (w: Workforce) =>
      w.other_leaver_rate !== null && w.other_leaver_rate > 1
        ? { code: "input.invalid", message: "入力に問題があります。\n  $.workforce.other_leaver_rate: 定年以外の退職率は 0～1 の小数で入力してください（例: 0.015 は1.5％）", hint: "", retry: false }
        : null;
    const { api, stored } = fakeStore(refuse);
    const { saver } = await openView(api);
    const rate = $<HTMLInputElement>("#wf-rate")!;
    expect(rate.value).toBe("1.5");
    change(rate, "２");
    await saver.flush();
    await settle();
    expect(stored.workforce.other_leaver_rate).toBe(0.02);

    change(rate, "150");
    await saver.flush();
    await settle();
    expect(api.setWorkforce).toHaveBeenCalledTimes(2);
    expect(stored.workforce.other_leaver_rate).toBe(0.02);
    expect(rate.value).toBe("150");
    expect(rate.getAttribute("aria-invalid")).toBe("true");
    expect($("#wf-errors")?.textContent).toContain("0～100％");
    expect($("#wf-errors")?.textContent).toContain("入力した値は画面に残っています");
  });

  it("takes nothing while an IME is composing, and the confirmed value once it ends", async () => {
    const { api } = fakeStore();
    const { saver } = await openView(api);
    const el = input("welfare", 2029, "teiin");
    el.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true }));
    change(el, "１９０");
    await saver.flush();
    await settle();
    expect(api.setWorkforce).not.toHaveBeenCalled();
    el.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true }));
    await saver.flush();
    await settle();
    expect(api.setWorkforce).toHaveBeenCalledTimes(1);
    expect(api.setWorkforce.mock.calls[0][1].rows[2].teiin.find((y) => y.fy === 2029)?.count).toBe(190);
  });

  it("adds a category not used yet and removes one after asking", async () => {
    const { api, stored } = fakeStore();
    const { saver } = await openView(api);
    const sel = $<HTMLSelectElement>("#wf-add")!;
    expect([...sel.options].map((o) => o.value)).toEqual(["", "childcare", "fire", "other"]);
    sel.value = "fire";
    sel.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    $<HTMLButtonElement>("[data-action=wf-add]")!.click();
    await settle();
    expect(document.activeElement?.id).toBe("wf-fire-staff");
    await saver.flush();
    await settle();
    expect(stored.workforce.rows.map((r) => r.category)).toEqual(["general", "technical", "welfare", "fire"]);
    expect([...$<HTMLSelectElement>("#wf-add")!.options].map((o) => o.value)).toEqual(["", "childcare", "other"]);

    $("[data-wf-category=technical] [data-action=wf-remove]")!.click();
    await settle();
    expect($("dialog")?.textContent).toContain("「土木・建築等技術」の見通しを削除します");
    $("[data-action=wf-remove-cancel]")!.click();
    await settle();
    expect($("[data-wf-category=technical]")).not.toBeNull();
    $("[data-wf-category=technical] [data-action=wf-remove]")!.click();
    await settle();
    $("[data-action=wf-remove-confirm]")!.click();
    await saver.flush();
    await settle();
    expect($("[data-wf-category=technical]")).toBeNull();
    expect(stored.workforce.rows.map((r) => r.category)).toEqual(["general", "welfare", "fire"]);
  });

  it("shows the checker's findings for a category beside its table", async () => {
    const { api } = fakeStore();
    const f: Finding = {
      rule: "W12", severity: "warning", title: "", message: "職種区分「保健・福祉」の令和9年度末の職員数の見込みが定員より多く…", key: "W12/workforce:welfare/2027",
      acknowledgement: null, location: { target: "workforce", id: "workforce:welfare", field: "teiin", field_label: null, label: "職員数の見通し" },
    };
    await openView(api, [f]);
    expect($("[data-wf-category=welfare] .wf-findings")?.textContent).toContain("令和9年度末の職員数の見込み");
    expect($("[data-wf-category=general] .wf-findings")).toBeNull();
  });
});

describe("the editor", () => {
  it("opens 職員数の見通し from the bar and from a W12 finding, and saves through its autosave", async () => {
    const { api: wf, stored } = fakeStore();
    const f: Finding = {
      rule: "W12", severity: "warning", title: "職員数の見通し", message: "見込みが定員と離れています", key: "W12/workforce:technical/2028",
      acknowledgement: null, location: { target: "workforce", id: "workforce:technical", field: "teiin", field_label: null, label: "職員数の見通し" },
    };
    const api = { ...wf, checkDraft: vi.fn(async () => ({ ...REPORT, findings: [f], open_warnings: 1 })), renderMarkdown: vi.fn(async () => "") };
    mounted.push(mount(Editor, { target: document.body, props: { api: api as unknown as Api, initial: city(), templates: T, onBack: () => {}, saveDelay: 5 } }));
    await settle();
    // From the whole-draft list of the check tab: 移動 opens the category in the view.
    $<HTMLButtonElement>('[data-tab="check"]')!.click();
    await settle();
    $<HTMLButtonElement>('.finding[data-rule="W12"] [data-action="jump"]')!.click();
    await settle();
    expect($("#workforce-open")?.getAttribute("aria-pressed")).toBe("true");
    expect(document.activeElement?.closest("[data-wf-category]")?.getAttribute("data-wf-category")).toBe("technical");

    change(input("technical", 2028, "reappointed"), "▲1");
    await settle(10);
    expect($("#save-state")?.getAttribute("data-state")).toBe("saved");
    expect(stored.workforce.rows[1].reappointed).toEqual([{ fy: 2028, delta: -1 }, { fy: 2030, delta: 3 }]);
    expect(input("technical", 2028, "reappointed").value).toBe("-1");
  });
});
