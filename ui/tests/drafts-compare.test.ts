import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import Facilitator from "../src/components/Facilitator.svelte";
import { exportChoices, navigates } from "../src/lib/study";
import type { Api, DraftsComparison } from "../src/lib/api";
import type { Templates } from "../src/generated/Templates";
import builtin from "../src/generated/templates.builtin.json";

const t = builtin as unknown as Templates;

describe("what the comparison offers", () => {
  it("writes PDF, Word and Markdown, never Excel", () => {
    expect(exportChoices.map((c) => c.format)).toEqual(["pdf", "docx", "md"]);
  });

  it("moves between screens with the arrows except in the comparison and in its fields", () => {
    const button = document.createElement("button");
    const input = document.createElement("input");
    expect(navigates("items", button)).toBe(true);
    expect(navigates("walk", null)).toBe(true);
    expect(navigates("walk", input)).toBe(false);
    expect(navigates("items", document.createElement("select"))).toBe(false);
    expect(navigates("drafts", button)).toBe(false);
  });
});

describe("研究会モード「方針案を比べる」", () => {
  let mounted: Record<string, unknown>[] = [];
  afterEach(() => {
    mounted.forEach((c) => unmount(c));
    mounted = [];
    document.body.innerHTML = "";
  });
  const settle = async () => {
    for (let i = 0; i < 4; i++) {
      await tick();
      await new Promise((r) => setTimeout(r, 0));
    }
    flushSync();
  };
  const button = (label: string) =>
    [...document.querySelectorAll("button")].find((b) => b.textContent?.trim().startsWith(label)) as HTMLButtonElement;

  const table = (a: string, b: string) =>
    `<h1>方針案の比較（研究会用）</h1><table><thead><tr><th>項目</th><th>${a}</th><th>${b}</th></tr></thead><tbody><tr><td>計画期間</td><td>令和9年度～</td><td>令和9年度～</td></tr></tbody></table>`;
  function comparison(anonymise: boolean): DraftsComparison {
    return {
      token: 7,
      files: ["やまびこ町_方針.hoshin.json", "あおば市_方針.hoshin.json"],
      html: anonymise ? table("団体A", "団体B") : table("やまびこ町", "あおば市"),
    };
  }
  function fakeApi(over: Partial<Api> = {}) {
    const calls = {
      pick: vi.fn(async (anonymise: boolean) => comparison(anonymise)),
      preview: vi.fn(async (_token: number, anonymise: boolean) => comparison(anonymise)),
      exportDrafts: vi.fn(async () => ({ path: "/tmp/方針案の比較.pdf", file_name: "方針案の比較.pdf", pages: 3, warnings: [], open_errors: 0 })),
    };
    const api = {
      pickDraftsToCompare: calls.pick,
      draftsPreview: calls.preview,
      exportDrafts: calls.exportDrafts,
      revealExport: async () => {},
      ...over,
    } as unknown as Api;
    return { api, calls };
  }

  it("shows the picked files side by side, hides the names on request and exports", async () => {
    const { api, calls } = fakeApi();
    mounted.push(mount(Facilitator, { target: document.body, props: { templates: t, onLeave: () => {}, api } }));
    await settle();
    button("方針案を比べる").click();
    await settle();
    expect(button("方針案を比べる").getAttribute("aria-pressed")).toBe("true");
    expect(document.querySelector(".fac-nav")).toBeNull();
    expect(document.body.textContent).toContain("まだ交換ファイルを選んでいません");

    button("交換ファイルを選ぶ").click();
    await settle();
    expect(calls.pick).toHaveBeenCalledWith(false);
    const preview = document.getElementById("drafts-preview")!;
    expect(preview.querySelectorAll("th")[1].textContent).toBe("やまびこ町");
    expect(document.getElementById("drafts-files")?.textContent).toContain("あおば市_方針.hoshin.json");

    const box = document.getElementById("drafts-anonymise") as HTMLInputElement;
    box.click();
    await settle();
    expect(calls.preview).toHaveBeenCalledWith(7, true);
    expect(preview.textContent).toContain("団体A");
    expect(preview.textContent).not.toContain("やまびこ町");
    // File names often carry the municipality: not shown while names are hidden.
    expect(document.getElementById("drafts-files")?.textContent).not.toContain("やまびこ町");

    (document.querySelector("button[data-format=pdf]") as HTMLButtonElement).click();
    await settle();
    expect(calls.exportDrafts).toHaveBeenCalledWith(7, true, "pdf");
    expect(document.getElementById("drafts-done")?.textContent).toContain("「方針案の比較.pdf」を保存しました（3ページ）");
  });

  it("names the file that could not be read and keeps the arrows from leaving the comparison", async () => {
    const pick = vi.fn(async () => {
      throw { code: "input.invalid", message: "memo.json: 交換ファイルとして読めません", hint: "Hoshin で保存した .hoshin.json を選んでください", retry: false };
    });
    const { api } = fakeApi({ pickDraftsToCompare: pick });
    mounted.push(mount(Facilitator, { target: document.body, props: { templates: t, onLeave: () => {}, api } }));
    await settle();
    button("方針案を比べる").click();
    await settle();
    const pickButton = button("交換ファイルを選ぶ");
    pickButton.focus();
    const arrow = new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true, cancelable: true });
    pickButton.dispatchEvent(arrow);
    // The facilitator's ←/→ did not take the key.
    expect(arrow.defaultPrevented).toBe(false);
    pickButton.click();
    await settle();
    expect(document.querySelector("[role=alert]")?.textContent).toBe(
      "memo.json: 交換ファイルとして読めません。Hoshin で保存した .hoshin.json を選んでください",
    );
    expect(document.getElementById("drafts-preview")).toBeNull();
    // In 項目ごと the arrow moves on as before.
    button("項目ごと").click();
    await settle();
    const again = new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true, cancelable: true });
    document.body.dispatchEvent(again);
    await settle();
    expect(again.defaultPrevented).toBe(true);
    expect(document.querySelector(".fac-pos")?.textContent).toMatch(/^2 \//);
  });

  it("keeps the comparison when another mode is shown and the dialog is cancelled", async () => {
    let n = 0;
    const { api } = fakeApi({ pickDraftsToCompare: vi.fn(async () => (n++ === 0 ? comparison(false) : null)) });
    mounted.push(mount(Facilitator, { target: document.body, props: { templates: t, onLeave: () => {}, api } }));
    await settle();
    button("方針案を比べる").click();
    await settle();
    button("交換ファイルを選ぶ").click();
    await settle();
    button("勉強会の進行").click();
    await settle();
    button("方針案を比べる").click();
    await settle();
    button("交換ファイルを選ぶ").click();
    await settle();
    expect(document.getElementById("drafts-preview")?.textContent).toContain("あおば市");
  });

  it("is not offered without the app's commands", async () => {
    mounted.push(mount(Facilitator, { target: document.body, props: { templates: t, onLeave: () => {} } }));
    await settle();
    expect(button("方針案を比べる")).toBeUndefined();
  });
});
