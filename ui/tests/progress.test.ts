import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import ProgressView from "../src/components/ProgressView.svelte";
import { chartPoints, parseNumber, reviewYears } from "../src/lib/progress";
import type { Api } from "../src/lib/api";
import type { Draft } from "../src/generated/Draft";
import type { IndicatorProgress } from "../src/generated/IndicatorProgress";
import type { Report } from "../src/generated/Report";
import type { Templates } from "../src/generated/Templates";
import type { YearResult } from "../src/generated/YearResult";
import builtin from "../src/generated/templates.builtin.json";
import sample from "../../policy-templates/samples/town-8000.hoshin.json";

const T = builtin as unknown as Templates;
const REPORT = { findings: [], coverage: { abilities: [], goals: [], pillars: [], abilities_percent: 0, goals_measured_percent: 0 }, open_errors: 0, open_warnings: 0, acknowledged: 0 } as unknown as Report;

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

function row(over: Partial<IndicatorProgress> = {}): IndicatorProgress {
  return {
    id: "in-overtime", name: "時間外勤務", unit: "時間", direction: "decrease", pillars: ["kankyo"], owner: "総務課",
    baseline: 120, baseline_fy: 2025, target: 90, target_fy: 2031,
    years: [2027, 2028, 2029, 2030, 2031].map((fy) => ({ fy, expected: 120 - (fy - 2025) * 5, actual: null, progress: null, measured_on: "", owner: "", note: "" })),
    latest: null,
    ...over,
  };
}

describe("progress chart and numbers", () => {
  it("reads numbers as typed in Japanese and refuses words", () => {
    expect(parseNumber("１，２３４．５")).toBe(1234.5);
    expect(parseNumber(" ")).toBeNull();
    expect(parseNumber("たくさん")).toBeUndefined();
  });

  it("draws the expected path over the plan years and a point per result, highest value on top", () => {
    const r = row();
    r.years[1].actual = 113;
    const c = chartPoints(r, 2028);
    const path = c.path.split(" ").map((p) => p.split(",").map(Number));
    expect(path).toHaveLength(5);
    expect(path[0][0]).toBeLessThan(path[4][0]);
    // Decreasing: the path goes down the chart (y grows).
    expect(path[0][1]).toBeLessThan(path[4][1]);
    expect(c.actual).toEqual([{ fy: 2028, x: path[1][0], y: expect.any(Number) }]);
    expect(c.label).toContain("令和10年度の実績 113時間");
    expect(chartPoints(row({ years: [] }), 2028).path).toBe("");
  });
});

describe("ProgressView", () => {
  it("saves a typed result for the chosen year and shows its progress, never touching the policy", async () => {
    const draft = structuredClone(sample.draft) as unknown as Draft;
    draft.results = [];
    let current = [row()];
    const setResults = vi.fn(async (_d: string, rs: YearResult[]) => {
      current = [row({ years: current[0].years.map((y) => (y.fy === rs[0].fy ? { ...y, actual: rs[0].value, progress: "slightly_behind" } : y)), latest: "slightly_behind" })];
      return REPORT;
    });
    const api = { progress: vi.fn(async () => current), setResults } as unknown as Api;
    const before = JSON.stringify({ s: draft.sections, i: draft.indicators });
    mounted.push(mount(ProgressView, { target: document.body, props: { api, draft, templates: T, onReport: () => {} } }));
    await settle();
    const input = document.querySelector<HTMLInputElement>('tr[data-indicator="in-overtime"] [data-actual]')!;
    expect(input.getAttribute("aria-label")).toContain("令和9年度");
    input.value = "１１３";
    input.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(setResults).toHaveBeenCalledWith(draft.meta.id, [expect.objectContaining({ item: "in-overtime", fy: 2027, value: 113 })]);
    expect(document.querySelector('tr[data-indicator="in-overtime"] [data-status]')?.textContent).toBe("やや遅れ");
    expect(document.querySelector("[role=status]")?.textContent).toContain("保存しました");
    expect(JSON.stringify({ s: draft.sections, i: draft.indicators })).toBe(before);

    // A word is not a number: explained, not saved.
    input.value = "多い";
    input.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(setResults).toHaveBeenCalledTimes(1);
    expect(document.querySelector("[role=alert]")?.textContent).toContain("数値ではありません");
  });

  it("records a measure's status and filters indicators by pillar", async () => {
    const draft = structuredClone(sample.draft) as unknown as Draft;
    draft.results = [];
    const setResults = vi.fn(async () => REPORT);
    const api = { progress: vi.fn(async () => [row(), row({ id: "in-literacy", name: "修了率", pillars: ["digital"] })]), setResults } as unknown as Api;
    mounted.push(mount(ProgressView, { target: document.body, props: { api, draft, templates: T, onReport: () => {} } }));
    await settle();
    expect(document.querySelectorAll("tr[data-indicator]")).toHaveLength(2);
    const pillar = document.getElementById("progress-pillar") as HTMLSelectElement;
    pillar.value = "digital";
    pillar.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect([...document.querySelectorAll<HTMLElement>("tr[data-indicator]")].map((r) => r.dataset.indicator)).toEqual(["in-literacy"]);
    const m = draft.measures.find((x) => x.pillar === "digital")!;
    const sel = document.querySelector<HTMLSelectElement>(`tr[data-measure="${m.id}"] select`)!;
    sel.value = "in_progress";
    sel.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(setResults).toHaveBeenCalledWith(draft.meta.id, [expect.objectContaining({ item: m.id, status: "in_progress" })]);
  });
});

describe("reviewYears", () => {
  it("offers every plan year and starts at the latest year with results", () => {
    const r = reviewYears({ from: 2027, to: 2030 }, [2027, 2028, 2028, 2035], 2030);
    expect(r.years).toEqual([2027, 2028, 2029, 2030]);
    expect(r.initial).toBe(2028);
  });
  it("without results, the last year that has ended, kept inside the plan", () => {
    expect(reviewYears({ from: 2027, to: 2030 }, [], 2029).initial).toBe(2028);
    expect(reviewYears({ from: 2027, to: 2030 }, [], 2026).initial).toBe(2027);
    expect(reviewYears({ from: 2027, to: 2030 }, [], 2040).initial).toBe(2030);
  });
});
