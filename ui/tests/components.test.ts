import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import App from "../src/App.svelte";
import NewDraftForm from "../src/components/NewDraftForm.svelte";
import type { Api } from "../src/lib/api";
import type { DraftSummary } from "../src/generated/DraftSummary";

let mounted: Record<string, unknown>[] = [];
afterEach(() => {
  mounted.forEach((c) => unmount(c));
  mounted = [];
  document.body.innerHTML = "";
});

function type(el: HTMLInputElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
}

const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
  flushSync();
};

describe("NewDraftForm", () => {
  it("does not submit on the Enter that confirms an IME conversion", async () => {
    const onCreate = vi.fn(async () => {});
    mounted.push(mount(NewDraftForm, { target: document.body, props: { onCreate, defaultFrom: 2025 } }));
    const name = document.getElementById("new-municipality") as HTMLInputElement;
    type(name, "桜市");
    name.dispatchEvent(new CompositionEvent("compositionstart", { bubbles: true }));
    const enter = new KeyboardEvent("keydown", { key: "Enter", isComposing: true, bubbles: true, cancelable: true });
    name.dispatchEvent(enter);
    expect(enter.defaultPrevented).toBe(true);
    // Even if the webview submits anyway while composing, nothing is created.
    (document.querySelector("form") as HTMLFormElement).requestSubmit();
    await settle();
    expect(onCreate).not.toHaveBeenCalled();

    name.dispatchEvent(new CompositionEvent("compositionend", { bubbles: true }));
    (document.querySelector("form") as HTMLFormElement).requestSubmit();
    await settle();
    expect(onCreate).toHaveBeenCalledWith({ municipality: "桜市", title: "人材育成・確保基本方針", from: 2025, to: 2029 });
  });

  it("shows the 和暦 of the years and Japanese errors", async () => {
    const onCreate = vi.fn(async () => {});
    mounted.push(mount(NewDraftForm, { target: document.body, props: { onCreate, defaultFrom: 2025 } }));
    flushSync();
    expect(document.getElementById("new-from-era")?.textContent).toBe("令和7年度");
    expect(document.getElementById("new-to-era")?.textContent).toBe("令和11年度");
    (document.querySelector("form") as HTMLFormElement).requestSubmit();
    await settle();
    expect(onCreate).not.toHaveBeenCalled();
    expect(document.getElementById("new-municipality-err")?.textContent).toBe("団体名を入力してください");
    expect(document.activeElement?.id).toBe("new-municipality");
  });
});

describe("App", () => {
  function fakeApi(over: Partial<Api> = {}): Api {
    const drafts: DraftSummary[] = [];
    return {
      storeStatus: async () => ({ data_dir: "/tmp/hoshin", error: null, journal_mode: "wal" }),
      listDrafts: async () => drafts,
      createDraft: async (municipality: string, title: string, from: number, to: number) => {
        const s: DraftSummary = {
          id: `d${drafts.length}`, municipality, municipality_kind: "city", title, period: { from, to }, status: "drafting",
          created_at: "2025-06-01T01:00:00.000Z", updated_at: "2025-06-01T01:00:00.000Z", trashed_at: null, revision: 1,
        };
        drafts.push(s);
        return s;
      },
      loadDraft: async () => { throw "未使用"; },
      ...over,
    } as unknown as Api;
  }

  it("lists a created draft with its period in 和暦", async () => {
    mounted.push(mount(App, { target: document.body, props: { api: fakeApi() } }));
    await settle();
    expect(document.body.textContent).toContain("下書きはまだありません");
    type(document.getElementById("new-municipality") as HTMLInputElement, "桜市");
    type(document.getElementById("new-from") as HTMLInputElement, "2025");
    type(document.getElementById("new-to") as HTMLInputElement, "2029");
    (document.querySelector("form") as HTMLFormElement).requestSubmit();
    await settle();
    const row = document.querySelector("table.drafts tbody tr");
    expect(row?.textContent).toContain("桜市");
    expect(row?.textContent).toContain("令和7年度～令和11年度（5年間）");
    expect(row?.textContent).toContain("令和7年6月1日 10:00");
    expect(document.querySelector("[role=status]")?.textContent).toBe("下書き「人材育成・確保基本方針」を作成しました");
  });

  it("shows the store's Japanese message when the database cannot be opened", async () => {
    const msg = "データベース /x/hoshin.sqlite が壊れています（SQLite のデータベースとして読めません）。";
    mounted.push(mount(App, { target: document.body, props: { api: fakeApi({ storeStatus: async () => ({ data_dir: "/x", error: msg, journal_mode: null }) }) } }));
    await settle();
    const alert = document.querySelector("[role=alert]");
    expect(alert?.textContent).toContain("データベースを開けませんでした");
    expect(alert?.textContent).toContain(msg);
    expect(document.querySelector("form")).toBeNull();
  });
});

describe("NewDraftForm period", () => {
  it("explains a reversed period under both years and focuses the end year", async () => {
    const onCreate = vi.fn(async () => {});
    mounted.push(mount(NewDraftForm, { target: document.body, props: { onCreate, defaultFrom: 2026, defaultMunicipality: "港区" } }));
    type(document.getElementById("new-to") as HTMLInputElement, "2020");
    (document.querySelector("form") as HTMLFormElement).requestSubmit();
    await settle();
    expect(onCreate).not.toHaveBeenCalled();
    expect(document.getElementById("new-period-err")?.textContent).toBe("終了年度（令和2年度）が開始年度（令和8年度）より前です");
    expect(document.getElementById("new-to")?.getAttribute("aria-describedby")).toContain("new-period-err");
    expect(document.activeElement?.id).toBe("new-to");
  });
});

describe("ChipPicker", () => {
  it("links in two clicks by name, filters as you type, and never shows ids", async () => {
    const { default: ChipPicker } = await import("../src/components/ChipPicker.svelte");
    const onChange = vi.fn();
    const options = [{ id: "ab-x1", name: "住民対話力" }, { id: "ab-x2", name: "データ活用力" }];
    mounted.push(mount(ChipPicker, { target: document.body, props: { field: "abilities", label: "求められる能力", options, chosen: [], onChange } }));
    flushSync();
    (document.querySelector(".picker-open") as HTMLButtonElement).click();
    await settle();
    const names = [...document.querySelectorAll("[role=option]")].map((o) => o.textContent?.trim());
    expect(names).toEqual(["住民対話力", "データ活用力"]);
    expect(document.body.textContent).not.toContain("ab-x1");
    type(document.querySelector(".picker-filter") as HTMLInputElement, "データ");
    await settle();
    expect(document.querySelectorAll("[role=option]").length).toBe(1);
    (document.querySelector("[role=option]") as HTMLElement).click();
    expect(onChange).toHaveBeenCalledWith(["ab-x2"]);
  });

  it("ignores the Enter that confirms an IME conversion in the filter", async () => {
    const { default: ChipPicker } = await import("../src/components/ChipPicker.svelte");
    const onChange = vi.fn();
    mounted.push(mount(ChipPicker, { target: document.body, props: { field: "goals", label: "目標・施策", options: [{ id: "g1", name: "窓口改善" }], chosen: [], onChange } }));
    flushSync();
    (document.querySelector(".picker-open") as HTMLButtonElement).click();
    await settle();
    const filter = document.querySelector(".picker-filter") as HTMLInputElement;
    filter.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", keyCode: 229, bubbles: true }));
    expect(onChange).not.toHaveBeenCalled();
    filter.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(onChange).toHaveBeenCalledWith(["g1"]);
  });
});
