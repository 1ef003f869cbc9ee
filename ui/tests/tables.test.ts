// The editor with a fake api: the plan tables (sort, filter, inline edit through the same
// autosave as the cards, IME-safe keys), the jump to a card, the catalogue indicator and a
// refused delete.
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import Editor from "../src/components/Editor.svelte";
import type { Api } from "../src/lib/api";
import type { Draft } from "../src/generated/Draft";
import type { Item } from "../src/generated/Item";
import type { Report } from "../src/generated/Report";
import type { Templates } from "../src/generated/Templates";
import builtin from "../src/generated/templates.builtin.json";
import sample from "../../policy-templates/samples/city-300000.hoshin.json";

const T = builtin as unknown as Templates;
const REPORT = { findings: [], coverage: { abilities: [], goals: [], pillars: [], abilities_percent: 0, goals_measured_percent: 0 }, open_errors: 0, open_warnings: 0, acknowledged: 0 } as unknown as Report;

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

function fakeApi(over: Partial<Record<keyof Api, unknown>> = {}) {
  const base = {
    checkDraft: vi.fn(async () => REPORT),
    putItem: vi.fn(async (_d: string, _i: Item) => REPORT),
    deleteItem: vi.fn(async () => REPORT),
    setSection: vi.fn(async () => REPORT),
    setGovernance: vi.fn(async () => REPORT),
    renderMarkdown: vi.fn(async () => ""),
  };
  return Object.assign(base, over) as typeof base;
}

async function openEditor(api = fakeApi()) {
  const initial = structuredClone(sample.draft) as unknown as Draft;
  mounted.push(mount(Editor, { target: document.body, props: { api: api as unknown as Api, initial, templates: T, onBack: () => {}, saveDelay: 5 } }));
  await settle();
  return { api, initial };
}

const $ = <E extends Element = HTMLElement>(sel: string) => document.querySelector<E>(sel);
const $$ = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)];
const key = (el: Element, k: string, o: KeyboardEventInit = {}) => {
  const e = new KeyboardEvent("keydown", { key: k, bubbles: true, cancelable: true, ...o });
  el.dispatchEvent(e);
  flushSync();
  return e;
};
const cell = (row: string, col: string) => $(`tr[data-row-id="${row}"] td[data-col="${col}"]`)!;
const rowIds = () => $$("table.plan-table tbody tr[data-row-id]").map((r) => r.dataset.rowId!);

async function openTable(kind: "training" | "hiring" | "indicator") {
  $(`[data-view="${kind}"]`)!.click();
  await settle();
}

describe("研修計画 table", () => {
  it("shows every training of the sample at once, with layers and years in words", async () => {
    const { initial } = await openEditor();
    await openTable("training");
    expect(rowIds()).toEqual(initial.trainings.map((t) => t.id));
    expect($("[data-table=training] h2")?.textContent).toContain(`研修計画（${initial.trainings.length}件）`);
    const first = initial.trainings[0];
    expect(cell(first.id, "title").textContent).toContain(first.title);
    const layer = T.lists.layers.find((l) => l.id === first.layers[0])!.label;
    expect(cell(first.id, "layers").textContent).toContain(layer);
    expect(cell(first.id, "years").textContent).toMatch(/令和\d+/);
    // No internal ids on screen.
    expect($("table.plan-table tbody")!.textContent).not.toContain(first.layers[0]);
  });

  it("sorts by a column head, says so, and goes back to the plan's order", async () => {
    const { initial } = await openEditor();
    await openTable("training");
    $("[data-sort=participants]")!.click();
    await settle();
    const n = (id: string) => initial.trainings.find((t) => t.id === id)!.participants ?? Infinity;
    const asc = rowIds().map(n);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect($("[data-sort=participants]")!.closest("th")!.getAttribute("aria-sort")).toBe("ascending");
    expect($(".table-msg")!.textContent).toContain("定員の昇順");
    $("[data-sort=participants]")!.click();
    await settle();
    const desc = rowIds().map(n).filter((x) => x !== Infinity);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    $("[data-sort=participants]")!.click();
    await settle();
    expect(rowIds()).toEqual(initial.trainings.map((t) => t.id));
  });

  it("filters by layer and year together, and shows how many are left", async () => {
    const { initial } = await openEditor();
    await openTable("training");
    const layer = initial.trainings[0].layers[0];
    const sel = $<HTMLSelectElement>("[data-filter=layer]")!;
    sel.value = layer;
    sel.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    const expected = initial.trainings.filter((t) => t.layers.includes(layer)).map((t) => t.id);
    expect(rowIds()).toEqual(expected);
    expect($("[data-table=training] h2")?.textContent).toContain(`${expected.length} / ${initial.trainings.length}件`);
    const y = $<HTMLSelectElement>("[data-filter=year]")!;
    y.value = String(initial.meta.period.to);
    y.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(rowIds()).toEqual(initial.trainings.filter((t) => t.layers.includes(layer) && t.years.includes(initial.meta.period.to)).map((t) => t.id));
    $("[data-filter-clear]")!.click();
    await settle();
    expect(rowIds().length).toBe(initial.trainings.length);
  });

  it("moves between cells with the arrow keys", async () => {
    const { initial } = await openEditor();
    await openTable("training");
    const [a, b] = initial.trainings;
    const start = cell(a.id, "title");
    expect(start.tabIndex).toBe(0);
    start.focus();
    key(start, "ArrowRight");
    await settle();
    expect(document.activeElement).toBe(cell(a.id, "format"));
    key(document.activeElement!, "ArrowDown");
    await settle();
    expect(document.activeElement).toBe(cell(b.id, "format"));
    expect(cell(a.id, "title").tabIndex).toBe(-1); // one tab stop for the whole grid
  });

  it("edits a name in place: Enter/F2 opens, the IME's Enter does not commit, Enter saves through putItem", async () => {
    const { api, initial } = await openEditor();
    await openTable("training");
    const t = initial.trainings[1];
    const td = cell(t.id, "title");
    td.focus();
    key(td, "Enter");
    await settle();
    const input = td.querySelector("input")!;
    expect(input).not.toBeNull();
    expect(document.activeElement).toBe(input);
    input.value = "新任係長研修";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    // Confirming the 変換 of 「研修」 with Enter: still editing, nothing saved.
    key(input, "Enter", { isComposing: true });
    key(input, "Enter", { keyCode: 229 });
    await settle(10);
    expect(td.querySelector("input")).not.toBeNull();
    expect(api.putItem).not.toHaveBeenCalled();
    key(input, "Enter");
    await settle(10);
    expect(td.querySelector("input")).toBeNull();
    expect(td.textContent).toContain("新任係長研修");
    expect(document.activeElement).toBe(td);
    expect(api.putItem).toHaveBeenCalledTimes(1);
    expect(api.putItem.mock.calls[0][1]).toMatchObject({ kind: "training", id: t.id, title: "新任係長研修", layers: t.layers });
  });

  it("Esc throws the typed value away and an invalid number is explained, not saved", async () => {
    const { api, initial } = await openEditor();
    await openTable("training");
    const t = initial.trainings[0];
    const name = cell(t.id, "title");
    name.focus();
    key(name, "F2");
    await settle();
    const input = name.querySelector("input")!;
    input.value = "消える名前";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    key(input, "Escape");
    await settle(10);
    expect(name.textContent).toContain(t.title);
    expect(name.textContent).not.toContain("消える名前");

    const count = cell(t.id, "participants");
    count.focus();
    key(count, "Enter");
    await settle();
    const n = count.querySelector("input")!;
    n.value = "たくさん";
    n.dispatchEvent(new Event("input", { bubbles: true }));
    key(n, "Enter");
    await settle(10);
    expect($("[role=alert]")?.textContent).toContain("定員は0以上の整数で入力してください");
    expect(count.querySelector("input")?.getAttribute("aria-invalid")).toBe("true");
    n.value = "４５";
    n.dispatchEvent(new Event("input", { bubbles: true }));
    key(n, "Enter");
    await settle(10);
    expect(count.textContent?.trim()).toBe("45");
    expect(api.putItem).toHaveBeenCalledTimes(1);
    expect(api.putItem.mock.calls[0][1]).toMatchObject({ id: t.id, title: t.title, participants: 45 });
  });

  it("chooses layers with checkboxes in the cell", async () => {
    const { api, initial } = await openEditor();
    await openTable("training");
    const t = initial.trainings[0];
    const td = cell(t.id, "layers");
    td.focus();
    key(td, "Enter");
    await settle();
    const extra = T.lists.layers.find((l) => !t.layers.includes(l.id))!;
    const box = [...td.querySelectorAll<HTMLInputElement>("input[type=checkbox]")].find((b) => b.parentElement!.textContent!.includes(extra.label))!;
    box.click();
    await settle();
    key(box, "Enter");
    await settle(10);
    expect(td.textContent).toContain(extra.label);
    const saved = api.putItem.mock.calls[0][1] as unknown as { layers: string[] };
    expect(saved.layers).toEqual(T.lists.layers.map((l) => l.id).filter((l) => [...t.layers, extra.id].includes(l)));
  });

  it("jumps from a row to its card in the walk", async () => {
    const { initial } = await openEditor();
    await openTable("training");
    const t = initial.trainings[2];
    $(`[data-open-card="${t.id}"]`)!.click();
    await settle();
    expect($("[data-table]")).toBeNull();
    const input = $<HTMLInputElement>(`[data-item-id="${t.id}"] [data-name-input]`)!;
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe(t.title);
  });
});

describe("採用計画 and 指標 tables", () => {
  it("edits a year's headcount and sums it", async () => {
    const { api, initial } = await openEditor();
    await openTable("hiring");
    const h = initial.hirings[0];
    const y = initial.meta.period.from;
    const td = cell(h.id, `hc-${y}`);
    td.focus();
    key(td, "Enter");
    await settle();
    const input = td.querySelector("input")!;
    input.value = "7";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    key(input, "Enter");
    await settle(10);
    const others = h.headcount.filter((c) => c.fy !== y).reduce((s, c) => s + c.count, 0);
    expect(cell(h.id, "total").textContent?.trim()).toBe(String(others + 7));
    expect((api.putItem.mock.calls[0][1] as unknown as { headcount: { fy: number; count: number }[] }).headcount).toContainEqual({ fy: y, count: 7 });
  });

  it("filters indicators by the pillar of their goals", async () => {
    const { initial } = await openEditor();
    await openTable("indicator");
    const sel = $<HTMLSelectElement>("[data-filter=pillar]")!;
    sel.value = "kankyo";
    sel.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    const kankyo = new Set(initial.goals.filter((g) => g.pillar === "kankyo").map((g) => g.id));
    const expected = initial.indicators.filter((i) => i.goals.some((g) => kankyo.has(g))).map((i) => i.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(rowIds()).toEqual(expected);
  });
});

describe("indicator card", () => {
  it("fills name, unit and direction from the catalogue and saves it", async () => {
    const { api } = await openEditor();
    $("[data-guide='suishin.shihyo']")!.click();
    await settle();
    $("[data-add=indicators]")!.click();
    await settle();
    const card = $$("[data-card-list=indicators] [data-item-id]").at(-1)!;
    const c = T.indicators.find((i) => i.direction === "decrease")!;
    const sel = card.querySelector<HTMLSelectElement>("[data-catalog-select]")!;
    sel.value = c.id;
    sel.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    card.querySelector<HTMLButtonElement>("[data-catalog-use]")!.click();
    await settle(10);
    expect(card.querySelector<HTMLInputElement>("[data-name-input]")!.value).toBe(c.name);
    expect(card.querySelector<HTMLInputElement>("[data-field=unit]")!.value).toBe(c.unit);
    expect(card.querySelector<HTMLSelectElement>("[data-field=direction]")!.value).toBe("decrease");
    expect(card.querySelector("[data-catalog-current]")?.textContent).toContain(c.name);
    expect(api.putItem.mock.calls.at(-1)![1]).toMatchObject({ kind: "indicator", id: card.dataset.itemId, name: c.name, unit: c.unit, direction: "decrease", catalog_id: c.id });
  });
});

describe("deleting an item", () => {
  async function askDelete(api: ReturnType<typeof fakeApi>) {
    const { initial } = await openEditor(api);
    $("[data-guide='ikusei.ojt']")!.click();
    await settle();
    const t = initial.trainings[0];
    $(`[data-item-id="${t.id}"] [data-action=delete]`)!.click();
    await settle();
    $("[data-action=delete-confirm]")!.click();
    await settle(10);
    return t;
  }

  it("keeps the item and says why when the store refuses", async () => {
    const api = fakeApi({ deleteItem: vi.fn(async () => { throw "データベースが他のプログラムに使われています。しばらくしてからもう一度削除してください。"; }) });
    const t = await askDelete(api);
    expect(api.deleteItem).toHaveBeenCalledWith("sample-city", t.id);
    expect($("#delete-error")?.textContent).toContain("他のプログラムに使われています");
    expect($(`[data-item-id="${t.id}"]`)).not.toBeNull();
  });

  it("removes the card and the links to it when the store agrees", async () => {
    const api = fakeApi();
    const t = await askDelete(api);
    expect($("dialog")).toBeNull();
    expect($(`[data-item-id="${t.id}"]`)).toBeNull();
  });
});
