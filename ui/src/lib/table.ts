// The plan tables (研修計画, 採用計画, 施策一覧, 指標, デジタル人材の目標): columns, filters, sorting and the parsing of
// what is typed into a cell. No DOM here; PlanTable.svelte draws it.
import type { Draft } from "../generated/Draft";
import type { Templates } from "../generated/Templates";
import type { KindInfo } from "../generated/KindInfo";
import { fieldLabel, kindInfo } from "./guide";
import { fy } from "./wareki";

export type TableKind = "training" | "hiring" | "measure" | "indicator" | "digital_target";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = any;

export interface Opt {
  value: string;
  label: string;
}

/** How a cell is edited; `null` = shown only (links are edited on the card). */
export type Editor =
  | { type: "text"; required?: boolean }
  | { type: "int" }
  | { type: "number" }
  | { type: "year" }
  | { type: "select"; options: Opt[]; empty?: string }
  | { type: "multi"; options: Opt[] }
  | { type: "bool" }
  | null;

export interface Column {
  key: string;
  label: string;
  /** The draft field behind the cell (for `data-field`). */
  field: string;
  numeric?: boolean;
  editor: Editor;
  /** What the cell shows. */
  text: (row: Row) => string;
  /** What the column sorts by (`null` sorts last). */
  sortValue: (row: Row) => string | number | null;
  /** The value the editor starts from (text for inputs, ids for multi, "true"/"false"). */
  editValue?: (row: Row) => string | string[];
  /** Store a parsed value on the row. */
  set?: (row: Row, value: unknown) => void;
}

export interface Filter {
  key: string;
  label: string;
  options: Opt[];
  test: (row: Row, value: string) => boolean;
}

export interface TableDef {
  kind: TableKind;
  info: KindInfo;
  columns: Column[];
  filters: Filter[];
}

const labelOf = (list: { id: string; label: string }[], id: string | null | undefined) =>
  id ? (list.find((e) => e.id === id)?.label ?? id) : "";

type LinkList = "abilities" | "goals" | "trainings" | "hirings";

/** Names of linked items, in the order they were linked. */
function names(draft: Draft, list: LinkList, ids: string[]): string {
  const items = draft[list] as unknown as { id: string; name?: string; title?: string; field?: string }[];
  return ids.map((id) => { const x = items.find((i) => i.id === id); return x ? (x.name ?? x.title ?? x.field ?? "") : ""; }).filter(Boolean).join("、");
}

/** The pillars of the goals an item serves (ids, in guideline order). */
export function pillarsOf(draft: Draft, row: Row, t: Templates): string[] {
  const ids = new Set((row.goals as string[] ?? []).map((g) => draft.goals.find((x) => x.id === g)?.pillar).filter(Boolean) as string[]);
  return t.pillars.map((p) => p.id).filter((p) => ids.has(p));
}

function pillarLabel(t: Templates, id: string): string {
  const p = t.pillars.find((x) => x.id === id);
  return p ? `第${p.number} ${p.heading}` : id;
}

/** 「令和7・8・9年度」 style: the years of a training in short form. */
export function yearsText(years: number[]): string {
  if (years.length === 0) return "";
  if (years.length === 1) return fy(years[0]);
  const first = fy(years[0]).replace(/年度$/, "");
  const era = first.replace(/[0-9元]+$/, "");
  const rest = years.slice(1).map((y) => fy(y).replace(/年度$/, ""));
  if (rest.every((r) => r.startsWith(era))) return `${first}・${rest.map((r) => r.slice(era.length)).join("・")}年度`;
  return years.map(fy).join("、");
}

function periodYears(draft: Draft): number[] {
  const { from, to } = draft.meta.period;
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

function yearOpts(draft: Draft): Opt[] {
  return periodYears(draft).map((y) => ({ value: String(y), label: fy(y) }));
}

function pillarFilter(t: Templates, draft: Draft): Filter {
  return {
    key: "pillar",
    label: "柱（つながる目標）",
    options: [...t.pillars.map((p) => ({ value: p.id, label: `第${p.number} ${p.heading}` })), { value: "-", label: "目標につながっていない" }],
    test: (row, v) => (v === "-" ? pillarsOf(draft, row, t).length === 0 : pillarsOf(draft, row, t).includes(v)),
  };
}

function nameColumn(info: KindInfo, t: Templates): Column {
  const f = info.name_field;
  return {
    key: f, field: f, label: f === "field" ? fieldLabel(t, f) : info.kind === "digital_target" ? "名称" : `${info.label}名`,
    editor: { type: "text", required: true },
    text: (r) => r[f] ?? "", sortValue: (r) => r[f] ?? "", editValue: (r) => r[f] ?? "",
    set: (r, v) => (r[f] = v),
  };
}

function textColumn(t: Templates, f: string): Column {
  return { key: f, field: f, label: fieldLabel(t, f), editor: { type: "text" }, text: (r) => r[f] ?? "", sortValue: (r) => r[f] || null, editValue: (r) => r[f] ?? "", set: (r, v) => (r[f] = v) };
}

function numColumn(t: Templates, f: string, type: "int" | "number" | "year", label = fieldLabel(t, f)): Column {
  return {
    key: f, field: f, label, numeric: true, editor: { type },
    text: (r) => (r[f] == null ? "" : type === "year" ? fy(r[f]) : String(r[f])),
    sortValue: (r) => r[f] ?? null, editValue: (r) => (r[f] == null ? "" : String(r[f])), set: (r, v) => (r[f] = v),
  };
}

function selectColumn(t: Templates, f: string, options: Opt[], empty: string | undefined, nullable = false): Column {
  return {
    key: f, field: f, label: fieldLabel(t, f), editor: { type: "select", options, empty },
    text: (r) => options.find((o) => o.value === r[f])?.label ?? (r[f] ?? ""),
    sortValue: (r) => options.find((o) => o.value === r[f])?.label ?? null,
    editValue: (r) => r[f] ?? "",
    set: (r, v) => (r[f] = v === "" && nullable ? null : v),
  };
}

function linkColumn(t: Templates, draft: Draft, f: LinkList): Column {
  return { key: f, field: f, label: fieldLabel(t, f), editor: null, text: (r) => names(draft, f, r[f] ?? []), sortValue: (r) => names(draft, f, r[f] ?? []) || null };
}

function pillarColumn(t: Templates, draft: Draft): Column {
  return { key: "pillars", field: "goals", label: "柱", editor: null, text: (r) => pillarsOf(draft, r, t).map((p) => pillarLabel(t, p)).join("、"), sortValue: (r) => pillarsOf(draft, r, t).map((p) => t.pillars.findIndex((x) => x.id === p)).at(0) ?? null };
}

export function tableDef(kind: TableKind, t: Templates, draft: Draft): TableDef {
  const info = kindInfo(t, kind);
  const L = t.lists;
  const toOpts = (l: { id: string; label: string }[]) => l.map((e) => ({ value: e.id, label: e.label }));
  if (kind === "training") {
    return {
      kind, info,
      columns: [
        nameColumn(info, t),
        selectColumn(t, "format", toOpts(L.training_formats), "（選ばない）"),
        {
          key: "layers", field: "layers", label: fieldLabel(t, "layers"), editor: { type: "multi", options: toOpts(L.layers) },
          text: (r) => (r.layers as string[]).map((l) => labelOf(L.layers, l)).join("、"),
          sortValue: (r) => (r.layers.length ? L.layers.findIndex((e) => e.id === r.layers[0]) : null),
          editValue: (r) => [...r.layers], set: (r, v) => (r.layers = v),
        },
        {
          key: "years", field: "years", label: fieldLabel(t, "years"), editor: { type: "multi", options: yearOpts(draft) },
          text: (r) => yearsText(r.years), sortValue: (r) => r.years[0] ?? null,
          editValue: (r) => r.years.map(String), set: (r, v) => (r.years = (v as string[]).map(Number).sort((a, b) => a - b)),
        },
        numColumn(t, "participants", "int"),
        selectColumn(t, "provider", toOpts(L.training_providers), "（選ばない）"),
        numColumn(t, "days", "number"),
        numColumn(t, "hours", "number"),
        numColumn(t, "runs", "int"),
        numColumn(t, "budget", "int"),
        {
          key: "joint", field: "joint", label: fieldLabel(t, "joint"), editor: { type: "bool" },
          text: (r) => (r.joint ? "共同実施" : "単独"), sortValue: (r) => (r.joint ? 0 : 1), editValue: (r) => String(!!r.joint), set: (r, v) => (r.joint = v),
        },
        linkColumn(t, draft, "abilities"),
        linkColumn(t, draft, "goals"),
        pillarColumn(t, draft),
      ],
      filters: [
        { key: "layer", label: fieldLabel(t, "layers"), options: toOpts(L.layers), test: (r, v) => r.layers.includes(v) },
        { key: "provider", label: fieldLabel(t, "provider"), options: toOpts(L.training_providers), test: (r, v) => r.provider === v },
        { key: "year", label: fieldLabel(t, "years"), options: yearOpts(draft), test: (r, v) => r.years.includes(Number(v)) },
        pillarFilter(t, draft),
      ],
    };
  }
  if (kind === "hiring") {
    const hc = (r: Row, y: number): number | null => (r.headcount as { fy: number; count: number }[]).find((h) => h.fy === y)?.count ?? null;
    return {
      kind, info,
      columns: [
        nameColumn(info, t),
        selectColumn(t, "route", toOpts(L.hiring_routes), "（選ばない）"),
        selectColumn(t, "count_kind", toOpts(t.count_kinds), undefined),
        selectColumn(t, "digital_type", toOpts(L.digital_types), "（該当なし）", true),
        ...periodYears(draft).map((y): Column => ({
          key: `hc-${y}`, field: "headcount", label: `${fy(y)}（人）`, numeric: true, editor: { type: "int" },
          text: (r) => (hc(r, y) == null ? "" : String(hc(r, y))), sortValue: (r) => hc(r, y),
          editValue: (r) => (hc(r, y) == null ? "" : String(hc(r, y))),
          set: (r, v) => {
            const rest = (r.headcount as { fy: number; count: number }[]).filter((h) => h.fy !== y);
            if (v != null) rest.push({ fy: y, count: v as number });
            r.headcount = rest.sort((a, b) => a.fy - b.fy);
          },
        })),
        {
          key: "total", field: "headcount", label: "合計（人）", numeric: true, editor: null,
          text: (r) => String((r.headcount as { count: number }[]).reduce((s, h) => s + h.count, 0)),
          sortValue: (r) => (r.headcount as { count: number }[]).reduce((s, h) => s + h.count, 0),
        },
        linkColumn(t, draft, "abilities"),
        linkColumn(t, draft, "goals"),
        pillarColumn(t, draft),
      ],
      filters: [
        { key: "route", label: fieldLabel(t, "route"), options: toOpts(L.hiring_routes), test: (r, v) => r.route === v },
        { key: "count_kind", label: fieldLabel(t, "count_kind"), options: toOpts(t.count_kinds), test: (r, v) => r.count_kind === v },
        { key: "year", label: "採用年度", options: yearOpts(draft), test: (r, v) => (hc(r, Number(v)) ?? 0) > 0 },
        pillarFilter(t, draft),
      ],
    };
  }
  if (kind === "measure") {
    const pillarOpts = t.pillars.map((p) => ({ value: p.id, label: `第${p.number} ${p.heading}` }));
    return {
      kind, info,
      columns: [
        nameColumn(info, t),
        selectColumn(t, "pillar", pillarOpts, undefined),
        textColumn(t, "owner"),
        {
          key: "years", field: "years", label: fieldLabel(t, "years"), editor: { type: "multi", options: yearOpts(draft) },
          text: (r) => yearsText(r.years), sortValue: (r) => r.years[0] ?? null,
          editValue: (r) => r.years.map(String), set: (r, v) => (r.years = (v as string[]).map(Number).sort((a, b) => a - b)),
        },
        numColumn(t, "budget", "int"),
        linkColumn(t, draft, "goals"),
        linkColumn(t, draft, "abilities"),
      ],
      filters: [
        { key: "pillar", label: fieldLabel(t, "pillar"), options: pillarOpts, test: (r, v) => r.pillar === v },
        { key: "year", label: fieldLabel(t, "years"), options: yearOpts(draft), test: (r, v) => r.years.includes(Number(v)) },
      ],
    };
  }
  if (kind === "digital_target") {
    const tc = (r: Row, y: number): number | null => (r.targets as { fy: number; count: number }[]).find((h) => h.fy === y)?.count ?? null;
    return {
      kind, info,
      columns: [
        nameColumn(info, t),
        selectColumn(t, "tier", toOpts(L.digital_tiers), "（選ばない）"),
        numColumn(t, "baseline", "int", "現在の人数"),
        numColumn(t, "baseline_fy", "year"),
        ...periodYears(draft).map((y): Column => ({
          key: `tg-${y}`, field: "targets", label: `${fy(y)}（人）`, numeric: true, editor: { type: "int" },
          text: (r) => (tc(r, y) == null ? "" : String(tc(r, y))), sortValue: (r) => tc(r, y),
          editValue: (r) => (tc(r, y) == null ? "" : String(tc(r, y))),
          set: (r, v) => {
            const rest = (r.targets as { fy: number; count: number }[]).filter((h) => h.fy !== y);
            if (v != null) rest.push({ fy: y, count: v as number });
            r.targets = rest.sort((a, b) => a.fy - b.fy);
          },
        })),
        linkColumn(t, draft, "trainings"),
        linkColumn(t, draft, "hirings"),
      ],
      filters: [
        { key: "tier", label: fieldLabel(t, "tier"), options: toOpts(L.digital_tiers), test: (r, v) => r.tier === v },
      ],
    };
  }
  return {
    kind, info,
    columns: [
      nameColumn(info, t),
      textColumn(t, "unit"),
      selectColumn(t, "direction", [{ value: "increase", label: "増やす" }, { value: "decrease", label: "減らす" }], undefined),
      numColumn(t, "baseline", "number"),
      numColumn(t, "baseline_fy", "year"),
      numColumn(t, "target", "number"),
      numColumn(t, "target_fy", "year"),
      textColumn(t, "source"),
      textColumn(t, "owner"),
      linkColumn(t, draft, "goals"),
      pillarColumn(t, draft),
    ],
    filters: [
      pillarFilter(t, draft),
      { key: "year", label: fieldLabel(t, "target_fy"), options: yearOpts(draft), test: (r, v) => r.target_fy === Number(v) },
    ],
  };
}

export type SortDir = "ascending" | "descending";

/** Rows passing every chosen filter ("" = all), sorted by one column (stable; empty last). */
export function visibleRows(def: TableDef, rows: readonly Row[], filters: Record<string, string>, sort: { key: string; dir: SortDir } | null): Row[] {
  let out = rows.filter((r) => def.filters.every((f) => !filters[f.key] || f.test(r, filters[f.key])));
  const col = sort && def.columns.find((c) => c.key === sort.key);
  if (col && sort) {
    const sign = sort.dir === "ascending" ? 1 : -1;
    out = out
      .map((r, i) => ({ r, i, v: col.sortValue(r) }))
      .sort((a, b) => {
        if (a.v === null || a.v === "") return b.v === null || b.v === "" ? a.i - b.i : 1;
        if (b.v === null || b.v === "") return -1;
        const c = typeof a.v === "number" && typeof b.v === "number" ? a.v - b.v : String(a.v).localeCompare(String(b.v), "ja");
        return c === 0 ? a.i - b.i : c * sign;
      })
      .map((x) => x.r);
  }
  return out;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** Read what was typed into a cell; the error says what to type instead. */
export function parseCell(editor: Exclude<Editor, null>, raw: string | string[] | boolean, label: string): Parsed {
  if (editor.type === "multi") return { ok: true, value: raw as string[] };
  if (editor.type === "bool") return { ok: true, value: raw === true || raw === "true" };
  const s = String(raw).normalize("NFKC").trim();
  switch (editor.type) {
    case "text":
      if (editor.required && !s) return { ok: false, error: `${label}は空にできません。名前を入力してください` };
      return { ok: true, value: String(raw).trim() };
    case "select":
      return { ok: true, value: s };
    case "int": {
      if (s === "") return { ok: true, value: null };
      const n = Number(s);
      if (!Number.isInteger(n) || n < 0) return { ok: false, error: `${label}は0以上の整数で入力してください（例: 30）` };
      return { ok: true, value: n };
    }
    case "number": {
      if (s === "") return { ok: true, value: null };
      const n = Number(s.replace(/,/g, ""));
      if (!Number.isFinite(n)) return { ok: false, error: `${label}は数値で入力してください（例: 12.5）` };
      return { ok: true, value: n };
    }
    case "year": {
      if (s === "") return { ok: true, value: null };
      const era = /^(?:令和|R)(元|\d+)(?:年度?)?$/i.exec(s);
      const n = era ? 2018 + (era[1] === "元" ? 1 : Number(era[1])) : Number(s.replace(/年度?$/, ""));
      if (!Number.isInteger(n) || n < 1900 || n > 2200) return { ok: false, error: `${label}は西暦（例: 2029）か「令和11」の形で入力してください` };
      return { ok: true, value: n };
    }
  }
}
