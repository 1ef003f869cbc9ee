import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import { readFileSync } from "node:fs";
import PlanImportDialog from "../src/components/PlanImportDialog.svelte";
import ExportDialog from "../src/components/ExportDialog.svelte";
import { appliedText, applyState, cellInSheet, deletions, errorLines, groupBySheet, shown, summary, summaryText } from "../src/lib/plan";
import type { Api, PlanApplied, PlanImport } from "../src/lib/api";
import type { PlanChanges } from "../src/generated/PlanChanges";
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

/** A dry run as Rust returns it: one training changed in two cells, one training added,
 *  one indicator changed, one hiring line no longer in its sheet. */
const dryRun = (): PlanChanges => ({
  changes: [
    {
      sheet: "研修計画", row: 3, id: "tr-mentor", name: "メンター研修", added: false,
      cells: [
        { cell: "研修計画!H3", column: "定員（人/年）", old: "30", new: "222" },
        { cell: "研修計画!J3", column: "担当", old: "", new: "人事課" },
      ],
    },
    {
      sheet: "指標", row: 2, id: "in-women", name: "管理職に占める女性職員の割合", added: false,
      cells: [{ cell: "指標!F2", column: "目標値", old: "20", new: "25" }],
    },
    {
      sheet: "研修計画", row: 9, id: "tr-new1", name: "生成AI活用研修", added: true,
      cells: [{ cell: "研修計画!B9", column: "研修名", old: "", new: "生成AI活用研修" }],
    },
  ],
  removed: [{ sheet: "採用計画", id: "hi-shakaijin", name: "社会人経験者採用" }],
  errors: [],
});

const version = (label: string): VersionInfo =>
  ({ id: 4, draft_id: "d-1", label, kind: "before_restore", created_at: "2026-04-01T09:00:00+09:00", title: `版 4 ${label}` });

describe("the dry run, grouped for the dialog", () => {
  it("groups changed cells by sheet in workbook order, naming each item once per row", () => {
    const groups = groupBySheet(dryRun());
    expect(groups.map((g) => [g.sheet, g.rows])).toEqual([["研修計画", 2], ["指標", 1]]);
    const training = groups[0].lines;
    expect(training.map((l) => [l.at, l.column, l.old, l.new])).toEqual([
      ["H3", "定員（人/年）", "30", "222"],
      ["J3", "担当", "", "人事課"],
      ["B9", "研修名", "", "生成AI活用研修"],
    ]);
    // The item's cell spans its row's lines; the added row carries no ID yet.
    expect(training.map((l) => [l.first, l.span])).toEqual([[true, 2], [false, 2], [true, 1]]);
    expect(training[0]).toMatchObject({ id: "tr-mentor", added: false, row: 3 });
    expect(training[2]).toMatchObject({ id: "", added: true, name: "生成AI活用研修" });
  });

  it("counts added rows, changed rows and missing items for the summary line", () => {
    expect(summary(dryRun())).toEqual({ added: 1, changed: 2, removed: 1, errors: 0 });
    expect(summaryText(dryRun())).toBe("追加 1 行、変更 2 行、シートにない項目 1 件");
    const broken = { ...dryRun(), errors: [{ cell: "研修計画!H3", message: "定員は 0 以上の整数で入れてください" }] };
    expect(summaryText(broken)).toBe("追加 1 行、変更 2 行、シートにない項目 1 件。直すところ 1 件");
  });

  it("shows empty values as （空欄） and cells without their sheet inside a group", () => {
    expect(shown("")).toBe("（空欄）");
    expect(shown("  ")).toBe("（空欄）");
    expect(shown("0")).toBe("0");
    expect(cellInSheet("施策・制度!C12")).toBe("C12");
    expect(cellInSheet("研修計画")).toBe("研修計画");
  });
});

describe("whether the changes may be applied", () => {
  it("allows applying a clean dry run with changes", () => {
    expect(applyState(dryRun(), false)).toEqual({ allowed: true, reason: "" });
  });

  it("refuses everything while one problem stands, and says what to do", () => {
    const c = { ...dryRun(), errors: [{ cell: "研修計画!H3", message: "数で入れてください" }, { cell: "指標", message: "「ID」の列がありません" }] };
    const s = applyState(c, true);
    expect(s.allowed).toBe(false);
    expect(s.reason).toContain("直すところが 2 件");
    expect(s.reason).toContain("選び直して");
    expect(errorLines(c).map((e) => e.label)).toEqual(["研修計画 H3", "指標"]);
  });

  it("deletes missing items only when asked, and lets a deletion alone be applied", () => {
    expect(deletions(dryRun(), false)).toEqual([]);
    expect(deletions(dryRun(), true).map((r) => r.id)).toEqual(["hi-shakaijin"]);
    const onlyRemoved: PlanChanges = { changes: [], removed: dryRun().removed, errors: [] };
    expect(applyState(onlyRemoved, false).allowed).toBe(false);
    expect(applyState(onlyRemoved, false).reason).toContain("チェックを入れて");
    expect(applyState(onlyRemoved, true).allowed).toBe(true);
  });

  it("has nothing to apply for an unchanged workbook", () => {
    const s = applyState({ changes: [], removed: [], errors: [] }, true);
    expect(s.allowed).toBe(false);
    expect(s.reason).toContain("同じ");
  });

  it("confirms with the name of the version saved before", () => {
    const a: PlanApplied = { version: version("Excel 取り込みの前（計画の表.xlsx）"), changes: dryRun() };
    expect(appliedText(a)).toContain("反映しました。反映前の状態を版「Excel 取り込みの前（計画の表.xlsx）」として保存しました");
    expect(appliedText({ version: null, changes: { changes: [], removed: [], errors: [] } })).toContain("そのまま");
  });
});

describe("PlanImportDialog", () => {
  const picked = (changes: PlanChanges): PlanImport => ({ token: 11, file_name: "あおば市_計画の表.xlsx", changes });

  it("shows the dry run by sheet and applies with the token, deleting only when ticked", async () => {
    const applyPlanWorkbook = vi.fn(async (): Promise<PlanApplied> => ({ version: version("Excel 取り込みの前（あおば市_計画の表.xlsx）"), changes: dryRun() }));
    const flush = vi.fn(async () => {});
    const onApplied = vi.fn();
    const api = { pickPlanWorkbook: vi.fn(async () => picked(dryRun())), applyPlanWorkbook } as unknown as Api;
    mounted.push(mount(PlanImportDialog, { target: document.body, props: { api, draftId: "d-1", onClose: () => {}, flush, onApplied } }));
    flushSync();
    (document.getElementById("plan-pick") as HTMLButtonElement).click();
    await settle();
    expect(api.pickPlanWorkbook).toHaveBeenCalledWith("d-1");
    expect(flush).toHaveBeenCalled();
    expect(document.getElementById("plan-summary")?.textContent).toBe("追加 1 行、変更 2 行、シートにない項目 1 件");
    expect(Array.from(document.querySelectorAll("section[data-sheet] h3")).map((h) => h.firstChild?.textContent)).toEqual(["研修計画", "指標"]);
    const heads = Array.from(document.querySelectorAll("section[data-sheet=\"研修計画\"] thead th")).map((th) => th.textContent);
    expect(heads).toEqual(["セル", "項目", "列", "変更前", "変更後"]);
    const mentor = document.querySelector("tr[data-cell=\"研修計画!H3\"]")!;
    expect(Array.from(mentor.querySelectorAll("td")).map((td) => td.textContent?.trim())).toEqual(["H3", expect.stringContaining("メンター研修"), "定員（人/年）", "30", "222"]);
    expect(document.querySelector("tr[data-cell=\"研修計画!J3\"] td.old")?.textContent).toBe("（空欄）");
    expect(document.querySelector("tr[data-cell=\"研修計画!B9\"] .tag")?.textContent).toBe("追加");
    expect(document.querySelector("[role=alert]")).toBeNull();

    const del = document.getElementById("plan-delete-removed") as HTMLInputElement;
    expect(del.checked).toBe(false);
    expect(document.querySelector("[data-removed-id=\"hi-shakaijin\"]")?.textContent).toContain("社会人経験者採用");
    const apply = document.getElementById("plan-apply") as HTMLButtonElement;
    expect(apply.disabled).toBe(false);
    apply.click();
    await settle();
    expect(applyPlanWorkbook).toHaveBeenCalledWith("d-1", 11, false);
    expect(onApplied).toHaveBeenCalledTimes(1);
    expect(document.getElementById("plan-done")?.textContent).toContain("反映前の状態を版「Excel 取り込みの前（あおば市_計画の表.xlsx）」として保存しました");
  });

  it("sends the deletion when the box is ticked", async () => {
    const applyPlanWorkbook = vi.fn(async (): Promise<PlanApplied> => ({ version: version("前"), changes: dryRun() }));
    const api = { pickPlanWorkbook: async () => picked(dryRun()), applyPlanWorkbook } as unknown as Api;
    mounted.push(mount(PlanImportDialog, { target: document.body, props: { api, draftId: "d-1", onClose: () => {}, flush: async () => {}, onApplied: () => {} } }));
    flushSync();
    (document.getElementById("plan-pick") as HTMLButtonElement).click();
    await settle();
    (document.getElementById("plan-delete-removed") as HTMLInputElement).click();
    flushSync();
    (document.getElementById("plan-apply") as HTMLButtonElement).click();
    await settle();
    expect(applyPlanWorkbook).toHaveBeenCalledWith("d-1", 11, true);
  });

  it("lists the problems as an alert and keeps the apply button disabled, saying why", async () => {
    const changes = { ...dryRun(), errors: [{ cell: "研修計画!H3", message: "定員は 0 以上の整数で入れてください（入っているのは「たくさん」）" }] };
    const applyPlanWorkbook = vi.fn();
    const api = { pickPlanWorkbook: async () => picked(changes), applyPlanWorkbook } as unknown as Api;
    mounted.push(mount(PlanImportDialog, { target: document.body, props: { api, draftId: "d-1", onClose: () => {}, flush: async () => {}, onApplied: () => {} } }));
    flushSync();
    (document.getElementById("plan-pick") as HTMLButtonElement).click();
    await settle();
    const alert = document.getElementById("plan-errors")!;
    expect(alert.getAttribute("role")).toBe("alert");
    expect(Array.from(alert.querySelectorAll("thead th")).map((th) => th.textContent)).toEqual(["セル", "直すこと"]);
    expect(alert.querySelector("tr[data-error-cell=\"研修計画!H3\"]")?.textContent).toContain("「たくさん」");
    const apply = document.getElementById("plan-apply") as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    const why = document.getElementById(apply.getAttribute("aria-describedby")!);
    expect(why?.textContent).toContain("直すところが 1 件");
    apply.click();
    await settle();
    expect(applyPlanWorkbook).not.toHaveBeenCalled();
  });

  it("shows an error from Rust in Japanese and a cancelled pick as nothing read", async () => {
    let call = 0;
    const api = {
      pickPlanWorkbook: async () => {
        call++;
        if (call === 1) return null;
        throw { code: "input.invalid", message: "「表.xlsx」は Excel のブック（zip）として読めません", hint: "Hoshin から書き出したファイルを選んでください", retry: false };
      },
    } as unknown as Api;
    mounted.push(mount(PlanImportDialog, { target: document.body, props: { api, draftId: "d-1", onClose: () => {}, flush: async () => {}, onApplied: () => {} } }));
    flushSync();
    (document.getElementById("plan-pick") as HTMLButtonElement).click();
    await settle();
    expect(document.querySelector("[role=status]")?.textContent).toContain("何も読み込んでいません");
    (document.getElementById("plan-pick") as HTMLButtonElement).click();
    await settle();
    expect(document.querySelector(".field-error[role=alert]")?.textContent).toBe("「表.xlsx」は Excel のブック（zip）として読めません。Hoshin から書き出したファイルを選んでください");
  });

  it("never renders workbook text as HTML", () => {
    expect(readFileSync(`${process.cwd()}/src/components/PlanImportDialog.svelte`, "utf8")).not.toContain("{@html");
  });
});

describe("ExportDialog with Excel", () => {
  it("exports the plan tables without an appendix and turns off what does not apply", async () => {
    const exportDocument = vi.fn(async () => ({ path: "/tmp/x.xlsx", file_name: "あおば市_計画の表.xlsx", pages: null, warnings: [], open_errors: 0 }));
    const api = { exportDocument } as unknown as Api;
    mounted.push(mount(ExportDialog, { target: document.body, props: {
      api, draftId: "d-1", report: null, onClose: () => {}, flush: async () => {}, period: { from: 2027, to: 2031 }, resultYears: [2028],
    } }));
    await settle();
    const xlsx = document.querySelector<HTMLInputElement>("input[name=format][value=xlsx]")!;
    expect(xlsx.parentElement?.textContent).toContain("Excel（計画の表：研修・採用・施策・指標。編集して取り込み直せます）");
    const appendix = document.getElementById("export-appendix") as HTMLInputElement;
    const review = document.getElementById("export-review") as HTMLButtonElement;
    expect([appendix.disabled, review.disabled]).toEqual([false, false]);
    xlsx.click();
    flushSync();
    expect([appendix.disabled, review.disabled]).toEqual([true, true]);
    expect(document.getElementById(review.getAttribute("aria-describedby")!)?.textContent).toContain("PDF・Word・HTML・Markdown");
    (document.getElementById("export-run") as HTMLButtonElement).click();
    await settle();
    expect(exportDocument).toHaveBeenCalledWith("d-1", "xlsx", false);
    document.querySelector<HTMLInputElement>("input[name=format][value=pdf]")!.click();
    flushSync();
    expect([appendix.disabled, review.disabled]).toEqual([false, false]);
  });
});

describe("ExportDialog with HTML", () => {
  it("offers HTML for the website, for the policy with its appendix and for the 年次点検報告", async () => {
    const exportDocument = vi.fn(async () => ({ path: "/tmp/x.html", file_name: "あおば市.html", pages: null, warnings: [], open_errors: 0 }));
    const exportReview = vi.fn(async () => ({ path: "/tmp/r.html", file_name: "r.html", pages: null, warnings: [], open_errors: 0 }));
    const api = { exportDocument, exportReview } as unknown as Api;
    mounted.push(mount(ExportDialog, { target: document.body, props: {
      api, draftId: "d-1", report: null, onClose: () => {}, flush: async () => {}, period: { from: 2027, to: 2031 }, resultYears: [2028],
    } }));
    await settle();
    const html = document.querySelector<HTMLInputElement>("input[name=format][value=html]")!;
    expect(html.parentElement?.textContent).toContain("HTML（ウェブサイト掲載用");
    html.click();
    flushSync();
    const appendix = document.getElementById("export-appendix") as HTMLInputElement;
    const review = document.getElementById("export-review") as HTMLButtonElement;
    expect([appendix.disabled, review.disabled]).toEqual([false, false]);
    (document.getElementById("export-run") as HTMLButtonElement).click();
    await settle();
    expect(exportDocument).toHaveBeenCalledWith("d-1", "html", true);
    review.click();
    await settle();
    expect(exportReview).toHaveBeenCalledWith("d-1", 2028, "html");
  });
});

describe("ExportDialog with the 概要版", () => {
  it("exports the one-page summary as PDF or Markdown and explains why other formats cannot", async () => {
    const exportSummary = vi.fn(async () => ({ path: "/tmp/s.pdf", file_name: "あおば市_概要版.pdf", pages: 1, warnings: [], open_errors: 0 }));
    const api = { exportSummary } as unknown as Api;
    mounted.push(mount(ExportDialog, { target: document.body, props: {
      api, draftId: "d-1", report: null, onClose: () => {}, flush: async () => {},
    } }));
    await settle();
    const button = document.getElementById("export-summary") as HTMLButtonElement;
    expect(button.closest("fieldset")?.querySelector("legend")?.textContent).toContain("概要版");
    expect(button.disabled).toBe(false);
    button.click();
    await settle();
    expect(exportSummary).toHaveBeenCalledWith("d-1", "pdf");
    for (const [value, allowed] of [["docx", false], ["html", false], ["xlsx", false], ["md", true]] as const) {
      document.querySelector<HTMLInputElement>(`input[name=format][value=${value}]`)!.click();
      flushSync();
      expect(button.disabled).toBe(!allowed);
      if (!allowed) {
        expect(document.getElementById(button.getAttribute("aria-describedby")!)?.textContent).toContain("PDF か Markdown");
      }
    }
    button.click();
    await settle();
    expect(exportSummary).toHaveBeenLastCalledWith("d-1", "md");
    expect(document.getElementById("export-done")?.textContent).toContain("あおば市_概要版.pdf");
  });
});
