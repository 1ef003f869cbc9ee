// The app's Tauri commands, typed with the generated types. A rejected call carries
// `{ code, message, hint, retry }` (see ./errors.ts); `errorText` makes it readable.
import { invoke } from "@tauri-apps/api/core";
import { errorText } from "./errors";
import type { BackupInfo } from "../generated/BackupInfo";
import type { ExportDone } from "../generated/ExportDone";
import type { Format } from "../generated/Format";
import type { TextLimits } from "../generated/TextLimits";
import type { Imported } from "../generated/Imported";
import type { PolicyImport } from "../generated/PolicyImport";
import type { PlanImport } from "../generated/PlanImport";
import type { PlanApplied } from "../generated/PlanApplied";
import type { SampleInfo } from "../generated/SampleInfo";
import type { StoreStatus } from "../generated/StoreStatus";
import type { VersionRef } from "../generated/VersionRef";
import type { Draft } from "../generated/Draft";
import type { DraftsComparison } from "../generated/DraftsComparison";
import type { DraftSummary } from "../generated/DraftSummary";
import type { Governance } from "../generated/Governance";
import type { StaffScope } from "../generated/StaffScope";
import type { IndicatorProgress } from "../generated/IndicatorProgress";
import type { YearResult } from "../generated/YearResult";
import type { ProjectionRow } from "../generated/ProjectionRow";
import type { Workforce } from "../generated/Workforce";
import type { Item } from "../generated/Item";
import type { MetaPatch } from "../generated/MetaPatch";
import type { Report } from "../generated/Report";
import type { Templates } from "../generated/Templates";
import type { VersionInfo } from "../generated/VersionInfo";
import type { Row } from "../generated/Row";
import type { ComparisonOptions } from "../generated/ComparisonOptions";
import type { FixAt } from "../generated/FixAt";
import type { StyleFinding } from "../generated/StyleFinding";
import type { StyleFixed } from "../generated/StyleFixed";

export { errorText, errorCode, asOpError, isRetryable } from "./errors";

/** A version number, or `null` for the current draft. */
function versionRef(n: number | null): VersionRef {
  return n === null ? "current" : { number: n };
}

export const api = {
  storeStatus: () => invoke<StoreStatus>("store_status"),
  templates: () => invoke<Templates>("templates"),
  samples: () => invoke<SampleInfo[]>("samples"),
  listDrafts: (trash = false) => invoke<DraftSummary[]>("list_drafts", { trash }),
  createDraft: (municipality: string, title: string, from: number, to: number) =>
    invoke<DraftSummary>("create_draft", { municipality, title, from, to }),
  createFromSample: (name: string) => invoke<DraftSummary>("create_from_sample", { name }),
  duplicateDraft: (id: string) => invoke<DraftSummary>("duplicate_draft", { id }),
  renameDraft: (id: string, title: string) => invoke<DraftSummary>("rename_draft", { id, title }),
  trashDraft: (id: string, trash: boolean) => invoke<void>("trash_draft", { id, trash }),
  exportExchange: (id: string) => invoke<string | null>("export_exchange", { id }),
  importExchange: () => invoke<Imported | null>("import_exchange"),
  loadDraft: (id: string) => invoke<Draft>("load_draft", { id }),
  checkDraft: (id: string) => invoke<Report>("check_draft", { id }),
  setSection: (draftId: string, sectionId: string, text: string) => invoke<Report>("set_section", { draftId, sectionId, text }),
  putItem: (draftId: string, item: Item) => invoke<Report>("put_item", { draftId, item }),
  deleteItem: (draftId: string, itemId: string) => invoke<Report>("delete_item", { draftId, itemId }),
  setGovernance: (draftId: string, governance: Governance) => invoke<Report>("set_governance", { draftId, governance }),
  setScope: (draftId: string, scope: StaffScope) => invoke<Report>("set_scope", { draftId, scope }),
  progress: (draftId: string) => invoke<IndicatorProgress[]>("progress", { draftId }),
  setResults: (draftId: string, results: YearResult[]) => invoke<Report>("set_results", { draftId, results }),
  /** 職員数の見通し: the frame projected with the hiring plan, per category and plan year. */
  workforce: (draftId: string) => invoke<ProjectionRow[]>("workforce", { draftId }),
  setWorkforce: (draftId: string, workforce: Workforce) => invoke<Report>("set_workforce", { draftId, workforce }),
  updateMeta: (draftId: string, patch: MetaPatch) => invoke<DraftSummary>("update_meta", { draftId, patch }),
  /** The finding must exist in the draft now; its rule is taken from it in Rust. */
  acknowledge: (draftId: string, key: string, reason: string) => invoke<Report>("acknowledge", { draftId, key, reason }),
  unacknowledge: (draftId: string, key: string) => invoke<Report>("unacknowledge", { draftId, key }),
  confirmLinks: (draftId: string, itemId: string) => invoke<Report>("confirm_links", { draftId, itemId }),
  /** The 公用文 style check of every text in the draft. */
  lint: (draftId: string) => invoke<StyleFinding[]>("lint", { draftId }),
  /** `rule`: every safe fix of that rule (「すべて修正」); else the `fixes` chosen. */
  fixStyle: (draftId: string, rule: string | null, fixes: FixAt[]) => invoke<StyleFixed>("fix_style", { draftId, rule, fixes }),
  snapshot: (draftId: string, label: string) => invoke<VersionInfo>("snapshot", { draftId, label }),
  versions: (draftId: string) => invoke<VersionInfo[]>("versions", { draftId }),
  versionPreview: (draftId: string, version: number) => invoke<string>("version_preview", { draftId, version }),
  restoreVersion: (draftId: string, version: number) => invoke<Draft>("restore_version", { draftId, version }),
  /** The text limits of a draft's fields (a paste past them is refused in the UI). */
  textLimits: () => invoke<TextLimits>("text_limits"),
  renderMarkdown: (text: string) => invoke<string>("render_markdown", { text }),
  exportDocument: (draftId: string, format: Format, appendix: boolean) =>
    invoke<ExportDone | null>("export_document", { draftId, format, appendix }),
  revealExport: () => invoke<void>("reveal_export"),
  pickOldPolicy: () => invoke<PolicyImport | null>("pick_old_policy"),
  importPolicy: (draftId: string, token: number, mapping: [number, string | null][]) =>
    invoke<VersionInfo>("import_policy", { draftId, token, mapping }),
  /** 「Excelから取り込む」: pick an edited plan workbook; its dry run (`null` = cancelled). */
  pickPlanWorkbook: (draftId: string) => invoke<PlanImport | null>("pick_plan_workbook", { draftId }),
  /** Apply the picked workbook (a version of the draft is saved first). */
  applyPlanWorkbook: (draftId: string, token: number, deleteRemoved: boolean) =>
    invoke<PlanApplied>("apply_plan_workbook", { draftId, token, deleteRemoved }),
  /** `null` = the current draft. */
  compareVersions: (draftId: string, old: number | null, newer: number | null) =>
    invoke<Row[]>("compare_versions", { draftId, old: versionRef(old), new: versionRef(newer) }),
  exportComparison: (draftId: string, old: number | null, newer: number | null, format: Format, options: ComparisonOptions) =>
    invoke<ExportDone | null>("export_comparison", { draftId, old: versionRef(old), new: versionRef(newer), format, options }),
  /** The 年次点検報告 of fiscal year `fy` (a plan year). */
  exportReview: (draftId: string, fy: number, format: Format) =>
    invoke<ExportDone | null>("export_review", { draftId, fy, format }),
  /** The 概要版: one A4 landscape page, PDF or Markdown only. */
  exportSummary: (draftId: string, format: Format) =>
    invoke<ExportDone | null>("export_summary", { draftId, format }),
  /** 研究会モード「方針案を比べる」: pick participants' exchange files (`null` = cancelled). Nothing is imported. */
  pickDraftsToCompare: (anonymise: boolean) => invoke<DraftsComparison | null>("pick_drafts_to_compare", { anonymise }),
  /** The picked files' comparison again, e.g. with 団体名を伏せる switched. */
  draftsPreview: (token: number, anonymise: boolean) => invoke<DraftsComparison>("drafts_preview", { token, anonymise }),
  exportDrafts: (token: number, anonymise: boolean, format: Format) =>
    invoke<ExportDone | null>("export_drafts", { token, anonymise, format }),
  /** A worksheet for the room: blank, or filled from `draftId`. */
  exportWorksheet: (kind: "grid" | "chain", draftId: string | null, format: Format) =>
    invoke<ExportDone | null>("export_worksheet", { kind, draftId, format }),
  /** Backups in the data folder, newest first. */
  backups: () => invoke<BackupInfo[]>("backups"),
  /** Put a backup in place of the database and open it again; the new status. */
  restoreBackup: (fileName: string) => invoke<StoreStatus>("restore_backup", { fileName }),
};

export type Api = typeof api;
export type { BackupInfo, DraftsComparison, ExportDone, Format, Imported, PlanApplied, PlanImport, PolicyImport, SampleInfo, StoreStatus };

/** How an export through the native save dialog ended. */
export interface ExportOutcome {
  done: ExportDone | null;
  /** The user closed the save dialog without choosing a file. */
  cancelled: boolean;
  error: string;
}

/** Flush pending autosaves, then run one export (`null` from `call` = dialog cancelled). */
export async function runExport(flush: () => Promise<void>, call: () => Promise<ExportDone | null>): Promise<ExportOutcome> {
  try {
    await flush();
    const done = await call();
    return { done, cancelled: done === null, error: "" };
  } catch (e) {
    return { done: null, cancelled: false, error: errorText(e) };
  }
}
