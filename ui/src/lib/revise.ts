// Pure logic of 「現行方針の取り込み」 (the mapping table) and 「比較」 (the 新旧対照表).
import type { Outline } from "../generated/Outline";
import type { Row } from "../generated/Row";
import type { Suggestion } from "../generated/Suggestion";
import type { Templates } from "../generated/Templates";
import type { VersionInfo } from "../generated/VersionInfo";

/** One old section in the mapping table. `item` null = 対応なし. */
export interface MappingRow {
  /** Index into `Outline.sections`. */
  section: number;
  /** 「第1 目指すべき職員像」 */
  label: string;
  /** The body's first characters, on one line. */
  excerpt: string;
  item: string | null;
}

export interface ItemGroup {
  /** 「第1 基本的な考え方」 */
  label: string;
  items: { id: string; label: string }[];
}

/** The first `n` characters of `text` on one line, with 「…」 when cut. */
export function excerpt(text: string, n = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const chars = Array.from(flat);
  return chars.length > n ? chars.slice(0, n).join("") + "…" : flat;
}

/** Sections that have a body, each preselected with the suggested item. */
export function mappingRows(outline: Outline, suggestions: Suggestion[]): MappingRow[] {
  const suggested = new Map(suggestions.map((s) => [s.section, s.item]));
  return outline.sections.flatMap((s, i) =>
    s.body.trim()
      ? [{ section: i, label: s.number ? `${s.number} ${s.title}` : s.title, excerpt: excerpt(s.body), item: suggested.get(i) ?? null }]
      : [],
  );
}

/** The guideline items for the select, grouped by 第N. */
export function itemGroups(t: Templates): ItemGroup[] {
  return t.pillars.map((p) => ({
    label: `第${p.number} ${p.heading}`,
    items: p.items.map((g, i) => ({ id: g.id, label: `${i + 1} ${g.heading}` })),
  }));
}

/** What `importPolicy` takes: [section index, item id or null]. */
export function mappingPayload(rows: MappingRow[]): [number, string | null][] {
  return rows.map((r) => [r.section, r.item || null]);
}

/** Which version is compared with which by default: the latest baseline (else the latest
 *  version) against the current draft (`null`). */
export function defaultPair(versions: VersionInfo[]): { old: number | null; newer: number | null } {
  const latest = (vs: VersionInfo[]) => vs.reduce<VersionInfo | null>((a, v) => (!a || v.id > a.id ? v : a), null);
  const base = latest(versions.filter((v) => v.kind === "baseline")) ?? latest(versions);
  return { old: base?.id ?? null, newer: null };
}

export function rowChanged(r: Row): boolean {
  return [...r.diff.old, ...r.diff.new].some((s) => s.changed);
}

/** Column titles, left (new) then right (old). */
export function columnTitles(adopted: boolean): [string, string] {
  return adopted ? ["改正後", "改正前"] : ["改正案", "現行"];
}

export type TableLine = { kind: "pillar"; label: string } | { kind: "row"; row: Row };

/** Rows to show, with a 第N heading line before each pillar's first row. */
export function tableLines(rows: Row[], onlyChanged: boolean): TableLine[] {
  const out: TableLine[] = [];
  let last = "";
  for (const r of rows) {
    if (onlyChanged && !rowChanged(r)) continue;
    if (r.pillar && r.pillar !== last) {
      out.push({ kind: "pillar", label: r.pillar });
      last = r.pillar;
    }
    out.push({ kind: "row", row: r });
  }
  return out;
}
