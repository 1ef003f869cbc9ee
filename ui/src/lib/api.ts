// The app's Tauri commands, typed. Errors arrive as the store's Japanese message (a string).
import { invoke } from "@tauri-apps/api/core";
import type { Draft } from "../generated/Draft";
import type { DraftSummary } from "../generated/DraftSummary";
import type { Governance } from "../generated/Governance";
import type { Item } from "../generated/Item";
import type { MetaPatch } from "../generated/MetaPatch";
import type { Report } from "../generated/Report";
import type { Templates } from "../generated/Templates";
import type { VersionInfo } from "../generated/VersionInfo";
import type { Outline } from "../generated/Outline";
import type { Suggestion } from "../generated/Suggestion";
import type { Row } from "../generated/Row";

/** Mirrors `StoreStatus` in src-tauri/src/lib.rs. */
export interface StoreStatus {
  data_dir: string | null;
  /** null when the store is open; else the Japanese message to show. */
  error: string | null;
  journal_mode: string | null;
  /** PDF export is compiled in. */
  pdf?: boolean;
}

/** Mirrors `SampleInfo` in src-tauri/src/lib.rs. */
export interface SampleInfo {
  name: string;
  municipality: string;
  title: string;
}

/** Mirrors `ExportDone` in src-tauri/src/lib.rs. */
export interface ExportDone {
  path: string;
  file_name: string;
  pages: number | null;
  warnings: string[];
  open_errors: number;
}

/** Mirrors `PolicyImport` in src-tauri/src/lib.rs: the old policy read in Rust. */
export interface PolicyImport {
  /** Hand back to `importPolicy`; the file itself stays in Rust. */
  token: number;
  file_name: string;
  outline: Outline;
  suggestions: Suggestion[];
}

/** A rejected invoke gives the message string; anything else becomes readable text. */
export function errorText(e: unknown): string {
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  return String(e);
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
  importExchange: () => invoke<DraftSummary | null>("import_exchange"),
  loadDraft: (id: string) => invoke<Draft>("load_draft", { id }),
  checkDraft: (id: string) => invoke<Report>("check_draft", { id }),
  setSection: (draftId: string, sectionId: string, text: string) => invoke<Report>("set_section", { draftId, sectionId, text }),
  putItem: (draftId: string, item: Item) => invoke<Report>("put_item", { draftId, item }),
  deleteItem: (draftId: string, itemId: string) => invoke<Report>("delete_item", { draftId, itemId }),
  setGovernance: (draftId: string, governance: Governance) => invoke<Report>("set_governance", { draftId, governance }),
  updateMeta: (draftId: string, patch: MetaPatch) => invoke<DraftSummary>("update_meta", { draftId, patch }),
  acknowledge: (draftId: string, key: string, rule: string, reason: string) => invoke<Report>("acknowledge", { draftId, key, rule, reason }),
  unacknowledge: (draftId: string, key: string) => invoke<Report>("unacknowledge", { draftId, key }),
  confirmLinks: (draftId: string, itemId: string) => invoke<Report>("confirm_links", { draftId, itemId }),
  snapshot: (draftId: string, label: string) => invoke<VersionInfo>("snapshot", { draftId, label }),
  versions: (draftId: string) => invoke<VersionInfo[]>("versions", { draftId }),
  versionPreview: (draftId: string, version: number) => invoke<string>("version_preview", { draftId, version }),
  restoreVersion: (draftId: string, version: number) => invoke<Draft>("restore_version", { draftId, version }),
  renderMarkdown: (text: string) => invoke<string>("render_markdown", { text }),
  exportDocument: (draftId: string, format: "md" | "pdf", appendix: boolean) =>
    invoke<ExportDone | null>("export_document", { draftId, format, appendix }),
  revealExport: () => invoke<void>("reveal_export"),
  pickOldPolicy: () => invoke<PolicyImport | null>("pick_old_policy"),
  importPolicy: (draftId: string, token: number, mapping: [number, string | null][]) =>
    invoke<VersionInfo>("import_policy", { draftId, token, mapping }),
  /** `null` = the current draft. */
  compareVersions: (draftId: string, old: number | null, newer: number | null) =>
    invoke<Row[]>("compare_versions", { draftId, old, new: newer }),
  exportComparison: (draftId: string, old: number | null, newer: number | null, format: "md" | "pdf", adopted: boolean, all: boolean) =>
    invoke<ExportDone | null>("export_comparison", { draftId, old, new: newer, format, adopted, all }),
};

export type Api = typeof api;

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
