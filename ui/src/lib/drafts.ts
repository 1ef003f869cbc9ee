import type { DraftSummary } from "../generated/DraftSummary";
import type { DraftStatus } from "../generated/DraftStatus";
import { fy, fyRange } from "./wareki";

/** Most recently edited first, then by id: the order the store returns. */
export function sortDrafts(list: readonly DraftSummary[]): DraftSummary[] {
  return [...list].sort((a, b) => {
    const ta = Date.parse(a.updated_at);
    const tb = Date.parse(b.updated_at);
    if (ta !== tb) return (Number.isNaN(tb) ? 0 : tb) - (Number.isNaN(ta) ? 0 : ta);
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

export const STATUS_LABEL: Record<DraftStatus, string> = {
  drafting: "作成中",
  review: "確認中",
  adopted: "策定済み",
};

/** 「令和7年度～令和11年度（5年間）」 */
export function periodLabel(p: { from: number; to: number }): string {
  const years = p.to - p.from + 1;
  return years >= 1 ? `${fyRange(p.from, p.to)}（${years}年間）` : fyRange(p.from, p.to);
}

export interface NewDraftInput {
  municipality: string;
  title: string;
  from: string;
  to: string;
}

export interface NewDraftValue {
  municipality: string;
  title: string;
  from: number;
  to: number;
}

export const FY_MIN = 1989;
export const FY_MAX = 2100;

/** Full-width digits (common with Japanese IME) to ASCII. */
export function toHalfWidthDigits(s: string): string {
  return s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
}

/**
 * Check the 新規作成 form before it goes to the store (which checks again).
 * Returns field (or "period" for the two years together) → Japanese message; `value` when fine.
 */
export type NewDraftErrors = Partial<Record<keyof NewDraftInput | "period", string>>;

export function checkNewDraft(input: NewDraftInput): { errors: NewDraftErrors; value?: NewDraftValue } {
  const errors: NewDraftErrors = {};
  const municipality = input.municipality.trim();
  const title = input.title.trim();
  if (!municipality) errors.municipality = "団体名を入力してください";
  if (!title) errors.title = "表題を入力してください";
  const year = (field: "from" | "to", label: string): number => {
    const raw = toHalfWidthDigits(input[field]);
    const n = Number(raw);
    if (!/^\d{4}$/.test(raw) || n < FY_MIN || n > FY_MAX) {
      errors[field] = `${label}は ${FY_MIN}～${FY_MAX} の西暦（例: 2025）で入力してください`;
    }
    return n;
  };
  const from = year("from", "開始年度");
  const to = year("to", "終了年度");
  if (!errors.from && !errors.to) {
    if (from > to) errors.period = `終了年度（${fy(to)}）が開始年度（${fy(from)}）より前です`;
    else if (to - from >= 30) errors.period = "計画期間が30年以上あります。年度を確かめてください";
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { errors, value: { municipality, title, from, to } };
}
