// Pure logic of 「Excelから取り込む」: the dry run of an edited plan workbook, grouped for the
// dialog, its summary line, and whether (and why not) it may be applied.
import type { CellError } from "../generated/CellError";
import type { PlanApplied } from "../generated/PlanApplied";
import type { PlanChanges } from "../generated/PlanChanges";
import type { Removed } from "../generated/Removed";

/** One line of the changes table: one changed cell. */
export interface ChangeLine {
  /** 「研修計画!H5」, as Rust names it. */
  cell: string;
  /** 「H5」: the cell inside its sheet (the group heading names the sheet). */
  at: string;
  /** The item's ID (empty for a row that adds one). */
  id: string;
  /** The item's name as it will be. */
  name: string;
  /** The row adds a new item. */
  added: boolean;
  /** The first line of its row (the item is named once per row, spanning `span` lines). */
  first: boolean;
  span: number;
  /** The row number in Excel. */
  row: number;
  column: string;
  old: string;
  new: string;
}

export interface SheetGroup {
  sheet: string;
  lines: ChangeLine[];
  /** Rows of this sheet that change or add an item. */
  rows: number;
}

export interface PlanSummary {
  added: number;
  changed: number;
  removed: number;
  errors: number;
}

/** The part after 「シート!」 of a cell name (the whole name when there is no sheet). */
export function cellInSheet(cell: string): string {
  const i = cell.lastIndexOf("!");
  return i < 0 ? cell : cell.slice(i + 1);
}

/** What the dialog shows for an empty old or new value. */
export function shown(value: string): string {
  return value.trim() === "" ? "（空欄）" : value;
}

/** The changed cells grouped by sheet, sheets and rows in workbook order. */
export function groupBySheet(c: PlanChanges): SheetGroup[] {
  const groups: SheetGroup[] = [];
  for (const r of c.changes) {
    let g = groups.find((x) => x.sheet === r.sheet);
    if (!g) {
      g = { sheet: r.sheet, lines: [], rows: 0 };
      groups.push(g);
    }
    g.rows++;
    r.cells.forEach((cell, i) =>
      g.lines.push({
        cell: cell.cell,
        at: cellInSheet(cell.cell),
        id: r.added ? "" : r.id,
        name: r.name,
        added: r.added,
        first: i === 0,
        span: r.cells.length,
        row: r.row,
        column: cell.column,
        old: cell.old,
        new: cell.new,
      }),
    );
  }
  return groups;
}

export function summary(c: PlanChanges): PlanSummary {
  const added = c.changes.filter((r) => r.added).length;
  return { added, changed: c.changes.length - added, removed: c.removed.length, errors: c.errors.length };
}

/** 「追加 1 行、変更 2 行、シートにない項目 0 件」 (and the problems, when there are any). */
export function summaryText(c: PlanChanges): string {
  const s = summary(c);
  const line = `追加 ${s.added} 行、変更 ${s.changed} 行、シートにない項目 ${s.removed} 件`;
  return s.errors > 0 ? `${line}。直すところ ${s.errors} 件` : line;
}

export interface ApplyState {
  allowed: boolean;
  /** Why not (empty when allowed). */
  reason: string;
}

/** Whether the dry run may be applied, with the reason when not. Any problem stops it all. */
export function applyState(c: PlanChanges, deleteRemoved: boolean): ApplyState {
  if (c.errors.length > 0) {
    return {
      allowed: false,
      reason: `直すところが ${c.errors.length} 件あるため、反映できません。Excel で表のとおりに直して保存し、「別のファイルを選ぶ」から選び直してください。`,
    };
  }
  if (c.changes.length > 0 || (deleteRemoved && c.removed.length > 0)) return { allowed: true, reason: "" };
  if (c.removed.length > 0) {
    return {
      allowed: false,
      reason: "変えるセルはありません。シートにない項目を削除するときは、上のチェックを入れてください。",
    };
  }
  return { allowed: false, reason: "Excel の表は今の下書きと同じです。反映することはありません。" };
}

/** The items that applying will delete (none unless the user asked for it). */
export function deletions(c: PlanChanges, deleteRemoved: boolean): Removed[] {
  return deleteRemoved ? c.removed : [];
}

/** The problems in workbook order, each with the cell shown as 「研修計画 H5」. */
export function errorLines(c: PlanChanges): (CellError & { label: string })[] {
  return c.errors.map((e) => {
    const i = e.cell.lastIndexOf("!");
    return { ...e, label: i < 0 ? e.cell : `${e.cell.slice(0, i)} ${e.cell.slice(i + 1)}` };
  });
}

/** The confirmation after applying. */
export function appliedText(a: PlanApplied): string {
  if (!a.version) return "変更はなかったため、下書きはそのままです。";
  return `反映しました。反映前の状態を版「${a.version.label}」として保存しました（「版の一覧」から戻せます）。`;
}
