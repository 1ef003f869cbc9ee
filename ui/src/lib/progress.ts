// The progress view's pure parts: labels, number parsing as a Japanese user types, and the
// small chart (expected path and results) as SVG coordinates. No DOM here.
import type { IndicatorProgress } from "../generated/IndicatorProgress";
import type { MeasureState } from "../generated/MeasureState";
import type { Progress } from "../generated/Progress";
import { fy as fyLabel } from "./wareki";

export const PROGRESS_LABEL: Record<Progress, string> = {
  achieved: "達成",
  on_track: "順調",
  slightly_behind: "やや遅れ",
  behind: "遅れ",
};

export const MEASURE_STATES: [MeasureState, string][] = [
  ["not_started", "未着手"],
  ["in_progress", "実施中"],
  ["done", "完了"],
  ["revised", "見直し"],
];

/** A typed number (full-width digits, commas) → number; "" → null; not a number → undefined. */
export function parseNumber(raw: string): number | null | undefined {
  const s = raw.normalize("NFKC").replace(/,/g, "").trim();
  if (s === "") return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

export interface Chart {
  /** The expected straight path over the plan years, as a polyline's points. */
  path: string;
  actual: { fy: number; x: number; y: number }[];
  /** What the chart shows, for a screen reader. */
  label: string;
}

const W = 120;
const H = 40;
const PAD = 4;

/** The chart of one indicator over the plan years (120 × 40 viewBox). */
export function chartPoints(r: IndicatorProgress, now: number): Chart {
  const ys = r.years;
  const values = [
    ...ys.map((y) => y.expected),
    ...ys.map((y) => y.actual),
    r.baseline,
    r.target,
  ].filter((v): v is number => v != null && Number.isFinite(v));
  const shown = ys.find((y) => y.fy === now);
  const label = `${r.name}: 基準値 ${r.baseline ?? "なし"}${r.unit}、目標値 ${r.target ?? "なし"}${r.unit}、${fyLabel(now)}の実績 ${shown?.actual ?? "未記録"}${shown?.actual != null ? r.unit : ""}`;
  if (values.length === 0 || ys.length === 0) return { path: "", actual: [], label };
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) {
    hi += 1;
    lo -= 1;
  }
  const x = (i: number) => PAD + (ys.length === 1 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (ys.length - 1));
  const y = (v: number) => H - PAD - ((v - lo) * (H - 2 * PAD)) / (hi - lo);
  const round = (v: number) => Math.round(v * 10) / 10;
  const path = ys
    .map((p, i) => (p.expected == null ? null : `${round(x(i))},${round(y(p.expected))}`))
    .filter(Boolean)
    .join(" ");
  const actual = ys.flatMap((p, i) => (p.actual == null ? [] : [{ fy: p.fy, x: round(x(i)), y: round(y(p.actual)) }]));
  return { path, actual, label };
}

/**
 * The years a 年次点検報告 can be made for (every plan year) and the one offered first: the
 * latest year with a recorded result, else the last fiscal year that has ended (clamped to
 * the plan), so a review in May of 令和11年度 picks 令和10年度.
 */
export function reviewYears(period: { from: number; to: number }, resultYears: number[], currentFy: number): { years: number[]; initial: number } {
  const years: number[] = [];
  for (let y = period.from; y <= period.to; y++) years.push(y);
  const recorded = resultYears.filter((y) => y >= period.from && y <= period.to);
  const initial = recorded.length ? Math.max(...recorded) : Math.min(Math.max(currentFy - 1, period.from), period.to);
  return { years, initial };
}
