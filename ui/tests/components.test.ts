import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import App from "../src/App.svelte";
import NewDraftForm from "../src/components/NewDraftForm.svelte";
import type { Api } from "../src/lib/api";
import type { DraftSummary } from "../src/generated/DraftSummary";
import type { Draft } from "../src/generated/Draft";
import type { Report } from "../src/generated/Report";
import type { Templates } from "../src/generated/Templates";
import builtin from "../src/generated/templates.builtin.json";
import sample from "../../policy-templates/samples/town-8000.hoshin.json";

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
      storeStatus: async () => ({ data_dir: "/tmp/hoshin", error: null, journal_mode: "wal", backups: [] }),
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

  it("offers the backups of a damaged database and opens the drafts after a restore", async () => {
    const msg = "データベース /x/hoshin.sqlite が壊れています（SQLite のデータベースとして読めません）。";
    const backups = [
      { file_name: "hoshin-20261201-090000-000-auto.sqlite", bytes: 40960, created_at: "2026-12-01T09:00:00Z", reason: "auto" },
      { file_name: "hoshin-20261130-090000-000-auto.sqlite", bytes: 40960, created_at: "2026-11-30T09:00:00Z", reason: "auto" },
    ];
    const restoreBackup = vi.fn(async () => ({ data_dir: "/x", error: null, journal_mode: "wal", backups }));
    const api = fakeApi({
      storeStatus: async () => ({
        data_dir: "/x",
        error: { code: "store.corrupt" as const, message: msg, hint: "バックアップから復元してください", retry: false },
        journal_mode: null,
        backups,
      }),
      restoreBackup,
    });
    mounted.push(mount(App, { target: document.body, props: { api } }));
    await settle();
    const alert = document.querySelector("[data-store-error='store.corrupt']");
    expect(alert?.textContent).toContain("データベースが壊れています");
    expect(alert?.textContent).toContain(msg);
    expect(alert?.textContent).not.toContain("hoshin restore-backup");
    expect(document.querySelector("form.new-draft")).toBeNull();
    // The older backup is chosen; restoring asks first, then restores that one.
    (document.querySelector(`[data-backup="${backups[1].file_name}"]`) as HTMLInputElement).click();
    (document.getElementById("restore-backup") as HTMLButtonElement).click();
    await settle();
    expect(restoreBackup).not.toHaveBeenCalled();
    (document.getElementById("restore-confirm") as HTMLButtonElement).click();
    await settle();
    expect(restoreBackup).toHaveBeenCalledWith(backups[1].file_name);
    expect(document.querySelector("[data-store-error]")).toBeNull();
    expect(document.querySelector(".notice")?.textContent).toContain("復元しました");
  });

  it("keeps the window open while an edit cannot be saved, and closes once it is", async () => {
    const REPORT = { findings: [], coverage: { abilities: [], goals: [], pillars: [], abilities_percent: 0, goals_measured_percent: 0 }, open_errors: 0, open_warnings: 0, acknowledged: 0 } as unknown as Report;
    const draft = structuredClone(sample.draft) as unknown as Draft;
    const summary = { ...draft.meta, trashed_at: null, revision: 1 } as unknown as DraftSummary;
    let full = true;
    const setSection = vi.fn(async () => {
      if (full) throw { code: "store.disk_full", message: "ディスクの空きが足りないため保存できませんでした", hint: "", retry: true };
      return REPORT;
    });
    const api = fakeApi({
      listDrafts: async () => [summary],
      loadDraft: async () => structuredClone(draft),
      templates: async () => builtin as unknown as Templates,
      samples: async () => [],
      checkDraft: async () => REPORT,
      setSection,
    });
    let onClose: (() => Promise<boolean>) | null = null;
    const closeWindow = vi.fn(async () => {});
    mounted.push(mount(App, { target: document.body, props: { api, closeWindow, onCloseRequested: (h: () => Promise<boolean>) => (onClose = h) } }));
    await settle();
    (document.querySelector(`[data-draft-id="${draft.meta.id}"]`) as HTMLButtonElement).click();
    await settle();
    const text = document.querySelector("[data-section-editor]") as HTMLTextAreaElement;
    text.value = "保存できないかもしれない一文";
    text.dispatchEvent(new Event("input", { bubbles: true }));

    // The disk is full: closing is refused and the user is told what is at stake.
    expect(await onClose!()).toBe(false);
    await settle();
    const guard = document.querySelector("[data-close-guard]");
    expect(guard?.textContent).toContain("保存できなかった入力が 1 件");
    expect(closeWindow).not.toHaveBeenCalled();
    // 「閉じずに戻る」 keeps the text where it was.
    (document.querySelector("[data-action=close-stay]") as HTMLButtonElement).click();
    await settle();
    expect(document.querySelector("[data-close-guard]")).toBeNull();
    expect((document.querySelector("[data-section-editor]") as HTMLTextAreaElement).value).toBe("保存できないかもしれない一文");

    // Space again: 「もう一度保存する」 saves the text, then closes.
    expect(await onClose!()).toBe(false);
    await settle();
    full = false;
    (document.querySelector("[data-action=close-retry]") as HTMLButtonElement).click();
    await settle();
    expect(setSection).toHaveBeenLastCalledWith(draft.meta.id, expect.any(String), "保存できないかもしれない一文");
    expect(closeWindow).toHaveBeenCalledTimes(1);
    // With nothing pending, a close needs no question.
    expect(await onClose!()).toBe(true);
  });

  it("names the version a newer database needs and offers no restore", async () => {
    const api = fakeApi({
      storeStatus: async () => ({
        data_dir: "/x",
        error: { code: "store.newer_version" as const, message: "データベースは新しい版の Hoshin（形式 7）で書かれています", hint: "形式 7 に対応した Hoshin で開いてください", retry: false },
        journal_mode: null,
        backups: [],
      }),
    });
    mounted.push(mount(App, { target: document.body, props: { api } }));
    await settle();
    const alert = document.querySelector("[data-store-error='store.newer_version']");
    expect(alert?.textContent).toContain("形式 7");
    expect(document.getElementById("restore-backup")).toBeNull();
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
