// The app's Tauri commands, typed. Errors arrive as the store's Japanese message (a string).
import { invoke } from "@tauri-apps/api/core";
import type { Draft } from "../generated/Draft";
import type { DraftSummary } from "../generated/DraftSummary";

/** Mirrors `StoreStatus` in src-tauri/src/lib.rs. */
export interface StoreStatus {
  data_dir: string | null;
  /** null when the store is open; else the Japanese message to show. */
  error: string | null;
  journal_mode: string | null;
}

/** A rejected invoke gives the message string; anything else becomes readable text. */
export function errorText(e: unknown): string {
  if (typeof e === "string") return e;
  if (e instanceof Error) return e.message;
  return String(e);
}

export const api = {
  storeStatus: () => invoke<StoreStatus>("store_status"),
  listDrafts: (trash = false) => invoke<DraftSummary[]>("list_drafts", { trash }),
  createDraft: (municipality: string, title: string, from: number, to: number) =>
    invoke<DraftSummary>("create_draft", { municipality, title, from, to }),
  loadDraft: (id: string) => invoke<Draft>("load_draft", { id }),
};

export type Api = typeof api;
