// 職員数の見通し: the pure parts of the workforce view. The table rows of a job category (the
// projection itself is computed once, in Rust), the edits of the frame, numbers as a Japanese
// user types them, Rust's input errors placed on the fields they concern, and the small chart
// as SVG coordinates. No DOM here; WorkforceView.svelte draws it.
import type { ListEntry } from "../generated/ListEntry";
import type { ProjectionRow } from "../generated/ProjectionRow";
import type { Workforce } from "../generated/Workforce";
import type { WorkforceRow } from "../generated/WorkforceRow";
import type { YearCount } from "../generated/YearCount";
import type { YearDelta } from "../generated/YearDelta";
import { asOpError, errorText } from "./errors";
import { fy as fyLabel } from "./wareki";

// ---- the frame -----------------------------------------------------------------------

/** The label of a job category (the id itself when the list no longer has it). */
export function categoryLabel(categories: readonly ListEntry[], id: string): string {
  return categories.find((c) => c.id === id)?.label ?? id;
}

/** Categories of the list that have no row in the frame yet, in the list's order. */
export function unusedCategories(categories: readonly ListEntry[], w: Workforce): ListEntry[] {
  const used = new Set(w.rows.map((r) => r.category));
  return categories.filter((c) => !used.has(c.id));
}

/** A new, empty row for `category`. */
export function blankRow(category: string): WorkforceRow {
  return { category, staff: 0, teiin: [], leavers: [], ages: [], reappointed: [], actual: [] };
}

/** The frame with a row for `category` added at the end; unchanged when it is already there. */
export function addCategory(w: Workforce, category: string): Workforce {
  if (!category || w.rows.some((r) => r.category === category)) return w;
  return { ...w, rows: [...w.rows, blankRow(category)] };
}

/** The frame without the row of `category`. */
export function removeCategory(w: Workforce, category: string): Workforce {
  return { ...w, rows: w.rows.filter((r) => r.category !== category) };
}

export function countIn(list: readonly YearCount[], fy: number): number | null {
  return list.find((y) => y.fy === fy)?.count ?? null;
}

export function deltaIn(list: readonly YearDelta[], fy: number): number | null {
  return list.find((y) => y.fy === fy)?.delta ?? null;
}

/** `list` with the count of `fy` set (or removed for `null`), in year order. */
export function setCount(list: readonly YearCount[], fy: number, count: number | null): YearCount[] {
  const rest = list.filter((y) => y.fy !== fy);
  if (count !== null) rest.push({ fy, count });
  return rest.sort((a, b) => a.fy - b.fy);
}

/** `list` with the signed change of `fy` set (or removed for `null`), in year order. */
export function setDelta(list: readonly YearDelta[], fy: number, delta: number | null): YearDelta[] {
  const rest = list.filter((y) => y.fy !== fy);
  if (delta !== null) rest.push({ fy, delta });
  return rest.sort((a, b) => a.fy - b.fy);
}

// ---- numbers as typed ------------------------------------------------------------------

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const U32_MAX = 4294967295;
const I32_MAX = 2147483647;

/** Full-width digits, commas, a trailing 人 or ％, and the minus signs of Japanese tables (▲ △ −). */
function clean(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(/[,、\s]/g, "")
    .replace(/[人名%]$/u, "")
    .replace(/^[▲△−‐]/u, "-");
}

/** A head count: a whole number of 0 or more; empty = not set (`null`). */
export function parseCount(raw: string, what: string): Parsed<number | null> {
  const s = clean(raw);
  if (s === "") return { ok: true, value: null };
  const n = Number(s);
  if (!/^\+?\d+$/.test(s) || !Number.isSafeInteger(n) || n > U32_MAX) {
    return { ok: false, message: `${what}「${raw.trim()}」は0以上の整数（人数）で入力してください` };
  }
  return { ok: true, value: n };
}

/** A signed change (再任用): +3, 3, −2, ▲2; empty = none (`null`). */
export function parseDelta(raw: string, what: string): Parsed<number | null> {
  const s = clean(raw);
  if (s === "") return { ok: true, value: null };
  const n = Number(s);
  if (!/^[+-]?\d+$/.test(s) || !Number.isSafeInteger(n) || Math.abs(n) > I32_MAX) {
    return { ok: false, message: `${what}「${raw.trim()}」は整数で入力してください（減るときは -2 や ▲2）` };
  }
  return { ok: true, value: n === 0 ? 0 : n };
}

/** A percentage as typed (1.5, １．５％) → the stored fraction (0.015); empty → `null`. */
export function percentToRate(raw: string): Parsed<number | null> {
  const s = clean(raw);
  if (s === "") return { ok: true, value: null };
  const n = Number(s);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s) || !Number.isFinite(n)) {
    return { ok: false, message: `定年以外の退職率「${raw.trim()}」は数値（％）で入力してください（例: 1.5）` };
  }
  return { ok: true, value: Number((n / 100).toPrecision(12)) };
}

/** The stored fraction (0.015) as the percentage shown (「1.5」); `null` → "". */
export function rateToPercent(rate: number | null | undefined): string {
  if (rate == null || !Number.isFinite(rate)) return "";
  return String(Number((rate * 100).toPrecision(12)));
}

/** 1,669 */
export function countText(n: number | null | undefined): string {
  return n == null ? "－" : n.toLocaleString("ja-JP");
}

/** +9, −11 (a real minus sign), 0; `null` → －. */
export function signedText(n: number | null | undefined): string {
  if (n == null) return "－";
  if (n === 0) return "0";
  return `${n > 0 ? "+" : "−"}${Math.abs(n).toLocaleString("ja-JP")}`;
}

// ---- the table -------------------------------------------------------------------------

/** One plan year of a category's table. */
export interface YearRow {
  fy: number;
  /** 令和9年度 */
  label: string;
  /** The projection of the year (from Rust), or null before it is known. */
  staff: number | null;
  leavers: number | null;
  /** The leavers were estimated from the age table and the 定年 schedule. */
  derived: boolean;
  hires: number | null;
  reappointed: number | null;
  projected: number | null;
  /** 定員 and 実員 as the frame holds them (what the inputs show). */
  teiin: number | null;
  actual: number | null;
  /** 年度末見込み − 定員: positive = more staff than 定員. */
  diff: number | null;
  /** The difference is more than `tolerance` of 定員 (the checker's W12). */
  beyond: boolean;
}

/** The rows of one category over the plan years. */
export function tableRows(row: WorkforceRow, projection: readonly ProjectionRow[], years: readonly number[], tolerance: number): YearRow[] {
  return years.map((fy) => {
    const p = projection.find((r) => r.category === row.category && r.fy === fy);
    const teiin = countIn(row.teiin, fy);
    const projected = p?.projected ?? null;
    const diff = projected !== null && teiin !== null ? projected - teiin : null;
    return {
      fy,
      label: fyLabel(fy),
      staff: p?.staff ?? null,
      leavers: p?.leavers ?? null,
      derived: p?.derived ?? false,
      hires: p?.hires ?? null,
      reappointed: p?.reappointed ?? null,
      projected,
      teiin,
      actual: countIn(row.actual, fy),
      diff,
      beyond: diff !== null && teiin !== null && teiin > 0 && Math.abs(diff) / teiin > tolerance,
    };
  });
}

// ---- errors from Rust ------------------------------------------------------------------

/** One problem to show beside the form; `key` names the input it concerns (see `inputKey`). */
export interface Problem {
  key: string | null;
  text: string;
}

const FIELD_LABEL: Record<string, string> = {
  category: "職種区分",
  staff: "職員数",
  teiin: "定員",
  leavers: "退職",
  ages: "年齢構成",
  reappointed: "再任用",
  actual: "実員",
};

/** The key of an input of the view: `general:teiin:2027`, `general:staff`, `rate`. */
export function inputKey(category: string, field: string, fy?: number): string {
  return fy === undefined ? `${category}:${field}` : `${category}:${field}:${fy}`;
}

/**
 * A refused save in Japanese, one line per problem, each placed on its category, year and
 * field (Rust names them by JSON path, e.g. `$.workforce.rows[0].teiin[2].fy`). `w` is the
 * frame that was sent. Anything else (a locked database, a full disk) is one line as it came.
 */
export function problemsOf(e: unknown, w: Workforce, categories: readonly ListEntry[]): Problem[] {
  const op = asOpError(e);
  if (!op || op.code !== "input.invalid") return [{ key: null, text: errorText(e) }];
  const out: Problem[] = [];
  for (const line of op.message.split("\n")) {
    const m = /^\s*(\$[^\s:]*): (.*)$/u.exec(line);
    if (!m) continue;
    const [, path, message] = m;
    if (/\.workforce\.other_leaver_rate$/.test(path)) {
      out.push({ key: "rate", text: "定年以外の退職率: 0～100％の範囲で入力してください（例: 1.5％なら 1.5）" });
      continue;
    }
    const r = /\.workforce\.rows\[(\d+)\](?:\.(\w+)(?:\[(\d+)\])?)?/.exec(path);
    const row = r ? w.rows[Number(r[1])] : undefined;
    if (!r || !row) {
      out.push({ key: null, text: message });
      continue;
    }
    const field = r[2] ?? "";
    const entry = r[3] !== undefined ? (row as unknown as Record<string, { fy?: number }[]>)[field]?.[Number(r[3])] : undefined;
    const year = field !== "ages" && entry?.fy !== undefined ? entry.fy : undefined;
    const where = [categoryLabel(categories, row.category), year !== undefined ? fyLabel(year) : "", FIELD_LABEL[field] ?? ""].filter(Boolean);
    out.push({
      key: field ? inputKey(row.category, field, year) : null,
      text: `${where.length > 1 ? `${where[0]}・${where.slice(1).join("の")}` : where[0]}: ${message}`,
    });
  }
  return out.length ? out : [{ key: null, text: errorText(e) }];
}

// ---- the chart -------------------------------------------------------------------------

export interface ChartPoint {
  fy: number;
  x: number;
  y: number;
  value: number;
}

export interface Chart {
  width: number;
  height: number;
  /** The plot area (inside the axes). */
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Year labels under the x axis (some skipped when they would not fit). */
  years: { fy: number; x: number; label: string }[];
  /** Value labels and grid lines. */
  ticks: { value: number; y: number; label: string }[];
  /** 年度末見込み and 定員 as path data (a gap where a year has no value) and their points. */
  projected: { d: string; points: ChartPoint[] };
  teiin: { d: string; points: ChartPoint[] };
  /** 実員 as points. */
  actual: ChartPoint[];
  /** What the chart shows, for a screen reader (the SVG's <title>). */
  title: string;
}

const CW = 300;
const CH = 172;
const PAD = { left: 44, right: 10, top: 12, bottom: 26 };
/** Room one year label needs (「令和10」 at the chart's font size). */
const YEAR_LABEL_WIDTH = 40;

/** A round step (1, 2 or 5 × 10ⁿ) of at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return Math.max(1, m * p);
  return Math.max(1, 10 * p);
}

/** The chart of one category: x = plan years, y = head count. */
export function chart(rows: readonly YearRow[], name: string): Chart {
  const left = PAD.left;
  const right = CW - PAD.right;
  const top = PAD.top;
  const bottom = CH - PAD.bottom;
  const values = rows.flatMap((r) => [r.projected, r.teiin, r.actual]).filter((v): v is number => v !== null && Number.isFinite(v));
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 10;
  const step = niceStep(Math.max(hi - lo, 4) / 3);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  if (hi === lo) hi = lo + step;
  const n = rows.length;
  const x = (i: number) => round(n <= 1 ? (left + right) / 2 : left + 8 + (i * (right - left - 16)) / (n - 1));
  const y = (v: number) => round(bottom - ((v - lo) * (bottom - top)) / (hi - lo));
  const series = (pick: (r: YearRow) => number | null) => {
    const points: ChartPoint[] = [];
    let d = "";
    let open = false;
    rows.forEach((r, i) => {
      const v = pick(r);
      if (v === null) {
        open = false;
        return;
      }
      const p = { fy: r.fy, x: x(i), y: y(v), value: v };
      points.push(p);
      d += `${d ? " " : ""}${open ? "L" : "M"}${p.x},${p.y}`;
      open = true;
    });
    return { d, points };
  };
  // Year labels from the first on, each far enough from the last one shown.
  const years: Chart["years"] = [];
  rows.forEach((r, i) => {
    const at = x(i);
    if (!years.length || at - years[years.length - 1].x >= YEAR_LABEL_WIDTH) years.push({ fy: r.fy, x: at, label: r.label.replace(/年度$/, "") });
  });
  const ticks: Chart["ticks"] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push({ value: v, y: y(v), label: v.toLocaleString("ja-JP") });
  const said = (v: number | null) => (v === null ? "未入力" : `${v.toLocaleString("ja-JP")}人`);
  const title = rows.length
    ? `${name}の職員数の見通し（年度末）。` +
      rows.map((r) => `${r.label}: 見込み ${said(r.projected)}、定員 ${said(r.teiin)}、実員 ${r.actual === null ? "未記録" : said(r.actual)}`).join("。")
    : `${name}の職員数の見通し: 計画期間がありません`;
  return {
    width: CW,
    height: CH,
    left,
    right,
    top,
    bottom,
    years,
    ticks,
    projected: series((r) => r.projected),
    teiin: series((r) => r.teiin),
    actual: series((r) => r.actual).points,
    title,
  };
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}
