// The 公用文 style check in the editor: findings grouped by rule, a short context of each
// finding taken from the draft as it is now, character offsets (Unicode scalar values, as
// Rust counts them) turned into the UTF-16 indexes of a textarea, and the fixes to send.

import type { Draft } from "../generated/Draft";
import type { FixAt } from "../generated/FixAt";
import type { Location } from "../generated/Location";
import type { StyleFinding } from "../generated/StyleFinding";
import type { Templates } from "../generated/Templates";

/** One rule's findings, as the panel shows them. */
export interface StyleGroup {
  rule: string;
  title: string;
  severity: "error" | "warning";
  findings: StyleFinding[];
  /** How many of them 「すべて修正」 would fix (safe, with a fix); 0 = no such button. */
  fixable: number;
}

/** 要対応 / 注意, the words beside the colour. */
export function severityLabel(s: "error" | "warning"): string {
  return s === "error" ? "要対応" : "注意";
}

const ruleNumber = (rule: string) => {
  const n = Number.parseInt(rule.replace(/^\D+/, ""), 10);
  return Number.isNaN(n) ? Number.MAX_SAFE_INTEGER : n;
};

/** Can this finding be fixed by 「すべて修正」? */
export function isSafeFix(f: StyleFinding): boolean {
  return f.safe && f.fix !== null;
}

/**
 * Findings by rule in rule order (S1, S2 … S10), each rule's findings in the order the
 * check gave them. A rule is 要対応 when any of its findings is.
 */
export function groupByRule(findings: readonly StyleFinding[]): StyleGroup[] {
  const groups = new Map<string, StyleGroup>();
  for (const f of findings) {
    let g = groups.get(f.rule);
    if (!g) {
      g = { rule: f.rule, title: f.title, severity: f.severity, findings: [], fixable: 0 };
      groups.set(f.rule, g);
    }
    g.findings.push(f);
    if (f.severity === "error") g.severity = "error";
    if (isSafeFix(f)) g.fixable++;
  }
  return [...groups.values()].sort((a, b) => ruleNumber(a.rule) - ruleNumber(b.rule) || a.rule.localeCompare(b.rule));
}

/** Counts for the summary line and the tab label. */
export function styleCounts(findings: readonly StyleFinding[]): { errors: number; warnings: number; total: number } {
  const errors = findings.filter((f) => f.severity === "error").length;
  return { errors, warnings: findings.length - errors, total: findings.length };
}

/**
 * The text a location points at, as the draft reads now: a section's body, an item's
 * field or a 推進体制 field. `null` when it is not there (the item was deleted).
 */
export function textAt(draft: Draft, loc: Location, templates: Templates): string | null {
  if (loc.target === "section") return draft.sections[loc.id] ?? null;
  if (loc.target === "governance") {
    const v = loc.field ? (draft.governance as unknown as Record<string, unknown>)[loc.field] : undefined;
    return typeof v === "string" ? v : null;
  }
  const info = templates.kinds.find((k) => k.kind === loc.target);
  if (!info || !loc.field) return null;
  const list = (draft as unknown as Record<string, unknown>)[info.list];
  if (!Array.isArray(list)) return null;
  const item = list.find((x: { id?: string }) => x?.id === loc.id) as Record<string, unknown> | undefined;
  const v = item?.[loc.field];
  return typeof v === "string" ? v : null;
}

/** Does `text` still read `found` at the character span [start, end)? */
export function stillReads(text: string, start: number, end: number, found: string): boolean {
  const chars = Array.from(text);
  return end <= chars.length && chars.slice(start, end).join("") === found;
}

/** A character offset (Unicode scalar values) as a UTF-16 index into `text`. */
export function utf16Index(text: string, offset: number): number {
  return Array.from(text).slice(0, offset).join("").length;
}

/** The span [start, end) in characters as a UTF-16 selection range of `text`. */
export function selectionRange(text: string, start: number, end: number): [number, number] {
  return [utf16Index(text, start), utf16Index(text, end)];
}

/** A finding in its sentence: a few characters before and after, on the same line. */
export interface Snippet {
  before: string;
  found: string;
  after: string;
  /** The text has changed there since the check: only the found text is shown. */
  stale: boolean;
}

/**
 * The span with up to `around` characters either side, cut at line breaks, with 「…」 where
 * the text goes on. When the text no longer reads `found` there, the found text alone.
 */
export function snippet(text: string | null, f: Pick<StyleFinding, "start" | "end" | "found">, around = 8): Snippet {
  if (text === null || !stillReads(text, f.start, f.end, f.found)) {
    return { before: "", found: shorten(f.found), after: "", stale: true };
  }
  const chars = Array.from(text);
  const lineBreak = (c: string) => c === "\n" || c === "\r";
  let a = f.start;
  while (a > 0 && f.start - a < around && !lineBreak(chars[a - 1])) a--;
  let b = f.end;
  while (b < chars.length && b - f.end < around && !lineBreak(chars[b])) b++;
  const more = (i: number) => i >= 0 && i < chars.length && !lineBreak(chars[i]);
  const before = (more(a - 1) ? "…" : "") + chars.slice(a, f.start).join("");
  const after = chars.slice(f.end, b).join("") + (more(b) ? "…" : "");
  return { before, found: shorten(f.found), after, stale: false };
}

/**
 * A long span (a whole sentence, for 長い文) as its first and last characters around 「…」;
 * line breaks inside it shown as ↵.
 */
export function shorten(found: string, max = 24): string {
  const chars = Array.from(found.replace(/\r?\n/g, "↵"));
  if (chars.length <= max) return chars.join("");
  const half = Math.floor((max - 1) / 2);
  return `${chars.slice(0, half).join("")}…${chars.slice(chars.length - half).join("")}`;
}

/** The fix of one finding as the `fix_style` command takes it; `null` when it has none. */
export function fixAt(f: StyleFinding): FixAt | null {
  if (f.fix === null) return null;
  return {
    target: f.location.target,
    id: f.location.id,
    field: f.location.field,
    fix: { start: f.start, end: f.end, found: f.found, fix: f.fix },
  };
}

/** Where a finding is, in words: 本文「…」, or 研修「…」（名称）. */
export function placeLabel(loc: Location): string {
  return loc.field_label ? `${loc.label}（${loc.field_label}）` : loc.label;
}

/** The message after a fix: how many were applied, or why none was. */
export function fixedText(applied: number): string {
  return applied > 0
    ? `${applied}件を修正しました`
    : "修正できませんでした（本文がその後に書き換えられています）。一覧を更新しました";
}

/** A piece of a text, marked when a finding covers it. */
export interface MarkedPiece {
  text: string;
  /** 「S4 「か月」」: the rule and its title, for the mark's tooltip. */
  mark: string | null;
}

/**
 * The text cut into pieces at the findings' spans (character offsets, as Rust counts them),
 * for showing the marks beside the editor. Findings whose span no longer reads as found, or
 * that overlap an earlier one, are left out.
 */
export function markedPieces(text: string, findings: readonly Pick<StyleFinding, "start" | "end" | "found" | "rule" | "title">[]): MarkedPiece[] {
  const chars = Array.from(text);
  const spans = [...findings]
    .filter((f) => f.end > f.start && f.end <= chars.length && chars.slice(f.start, f.end).join("") === f.found)
    .sort((a, b) => a.start - b.start);
  const out: MarkedPiece[] = [];
  let at = 0;
  for (const f of spans) {
    if (f.start < at) continue;
    if (f.start > at) out.push({ text: chars.slice(at, f.start).join(""), mark: null });
    out.push({ text: chars.slice(f.start, f.end).join(""), mark: `${f.rule} ${f.title}` });
    at = f.end;
  }
  if (at < chars.length) out.push({ text: chars.slice(at).join(""), mark: null });
  return out;
}
