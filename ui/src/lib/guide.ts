// The guided walk: which findings belong to which guideline item, its status mark, and
// where a finding's 「移動」 lands.
import type { Draft } from "../generated/Draft";
import type { Finding } from "../generated/Finding";
import type { GuideItem } from "../generated/GuideItem";
import type { Location } from "../generated/Location";
import type { Templates } from "../generated/Templates";
import type { Kind } from "../generated/Kind";
import type { KindInfo } from "../generated/KindInfo";

export type ListName = "personas" | "abilities" | "goals" | "trainings" | "hirings" | "measures" | "indicators" | "digital_targets";

/** `expects` markers (policy-templates/guideline/*.toml; see EXPECTS_* in hoshin-model). */
export const EXPECTS_GOVERNANCE = "governance";
export const EXPECTS_DIGITAL_TYPES = "digital_types";
export const EXPECTS_SCOPE = "scope";

/** The model's description of one item kind (from the templates, never copied here). */
export function kindInfo(t: Pick<Templates, "kinds">, kind: Kind): KindInfo {
  const k = t.kinds.find((x) => x.kind === kind);
  if (!k) throw new Error(`unknown kind ${kind}`);
  return k;
}

export function listInfo(t: Pick<Templates, "kinds">, list: ListName): KindInfo {
  const k = t.kinds.find((x) => x.list === list);
  if (!k) throw new Error(`unknown list ${list}`);
  return k;
}

/** The Japanese name of a draft field (the model's table), or the field itself. */
export function fieldLabel(t: Pick<Templates, "field_labels">, field: string): string {
  return t.field_labels[field] ?? field;
}

/** The name an item is known by (its kind's name field). */
export function itemName(info: KindInfo, item: object): string {
  return String((item as Record<string, unknown>)[info.name_field] ?? "");
}

/** Does this guideline item edit the staff scope (任命権者, 対象職員)? */
export function editsScope(g: GuideItem): boolean {
  return g.expects.includes(EXPECTS_SCOPE);
}

/** Does this guideline item edit the 推進体制 fields? */
export function editsGovernance(g: GuideItem): boolean {
  return g.expects.includes(EXPECTS_GOVERNANCE);
}

export type Status = "untouched" | "writing" | "done" | "action";

export const STATUS_LABEL: Record<Status, string> = {
  untouched: "未着手",
  writing: "作成中",
  done: "完了",
  action: "要対応",
};

/** A mark that reads without colour. */
export const STATUS_MARK: Record<Status, string> = {
  untouched: "○",
  writing: "◐",
  done: "●",
  action: "！",
};

export function guideItems(t: Templates): GuideItem[] {
  return t.pillars.flatMap((p) => p.items);
}

/** 小規模団体の最短経路: the required items (in guideline order), then the optional ones. */
export function shortestPath(t: Pick<Templates, "pillars">): { key: string; heading: string; items: GuideItem[] }[] {
  const all = t.pillars.flatMap((p) => p.items);
  return [
    { key: "required", heading: "必須の項目（まずここから）", items: all.filter((g) => g.required) },
    { key: "optional", heading: "必要に応じて書く項目", items: all.filter((g) => !g.required) },
  ].filter((g) => g.items.length > 0);
}

/** Why an item is in the policy: 「必須（指針）」「任意（実務）」 … */
export function basisLabel(g: Pick<GuideItem, "basis" | "required">): string {
  const why = g.basis === "guideline" ? "総務省の指針が求める項目" : "団体の方針で実務上置かれる項目";
  return `${g.required ? "必須" : "任意"}・${why}`;
}

/** Lists edited in this guideline item (its `expects`, in the model's kind order). */
export function expectedLists(g: GuideItem, t: Pick<Templates, "kinds">): ListName[] {
  return t.kinds.filter((k) => g.expects.includes(k.list)).map((k) => k.list as ListName);
}

const KINDS: readonly string[] = ["persona", "ability", "goal", "training", "hiring", "measure", "indicator", "digital_target"] satisfies Kind[];
export function isKindTarget(t: string): t is Kind {
  return KINDS.includes(t);
}

/** Does this finding belong to guideline item `g`? */
export function belongsTo(f: Finding, g: GuideItem, t: Templates): boolean {
  const loc = f.location;
  switch (loc.target) {
    case "section":
      return loc.id === g.id;
    case "governance":
      return editsGovernance(g);
    case "scope":
      return editsScope(g);
    case "pillar":
      return t.pillars.find((p) => p.id === loc.id)?.items[0]?.id === g.id;
    case "digital_type":
      return g.expects.includes(EXPECTS_DIGITAL_TYPES);
    case "draft":
      return false;
    default:
      return isKindTarget(loc.target) && g.expects.includes(kindInfo(t, loc.target).list);
  }
}

export function findingsFor(findings: readonly Finding[], g: GuideItem, t: Templates): Finding[] {
  return findings.filter((f) => belongsTo(f, g, t));
}

export function isOpen(f: Finding): boolean {
  return f.acknowledgement === null;
}

export function statusOf(g: GuideItem, draft: Pick<Draft, "sections">, findings: readonly Finding[]): Status {
  const open = findings.filter(isOpen);
  if (open.some((f) => f.severity === "error")) return "action";
  if (!(draft.sections[g.id] ?? "").trim()) return "untouched";
  if (open.length > 0) return "writing";
  return "done";
}

/** The guideline item where a finding is fixed (the current one when it fits). */
export function guideFor(loc: Location, t: Templates, current?: string): string | null {
  const all = guideItems(t);
  const cur = all.find((g) => g.id === current);
  const fake = { location: loc } as Finding;
  if (cur && belongsTo(fake, cur, t)) return cur.id;
  return all.find((g) => belongsTo(fake, g, t))?.id ?? null;
}

/** A long card list shows its first cards only; this asks it to show the card of `id` too. */
export function revealCard(id: string): void {
  document.dispatchEvent(new CustomEvent("reveal-card", { detail: id }));
}

/** CSS selector of the field to focus for a finding. */
export function fieldSelector(loc: Location): string {
  const esc = (s: string) => s.replace(/["\\]/g, "\\$&");
  if (loc.target === "section") return "[data-section-editor]";
  if (loc.target === "governance") return loc.field ? `[data-gov-field="${esc(loc.field)}"]` : "[data-gov-field]";
  if (loc.target === "scope") return loc.field ? `[data-scope-field="${esc(loc.field)}"] input, textarea[data-scope-field="${esc(loc.field)}"]` : "[data-scope-field] input";
  if (isKindTarget(loc.target)) {
    const card = `[data-item-id="${esc(loc.id)}"]`;
    return loc.field ? `${card} [data-field="${esc(loc.field)}"], ${card} [data-picker="${esc(loc.field)}"] .picker-open, ${card} [data-name-input]` : `${card} [data-name-input]`;
  }
  return "[data-section-editor]";
}

/** Find the element for a finding: the exact field when it exists, else the card's name. */
export function focusTarget(root: ParentNode, loc: Location): HTMLElement | null {
  const sel = fieldSelector(loc);
  for (const s of sel.split(", ")) {
    const el = root.querySelector<HTMLElement>(s);
    if (el) return el;
  }
  return null;
}

/** 「要対応 2・注意 1」 for a count badge, or "" when clean. */
export function countLabel(findings: readonly Finding[]): string {
  const open = findings.filter(isOpen);
  const e = open.filter((f) => f.severity === "error").length;
  const w = open.length - e;
  return [e ? `要対応 ${e}` : "", w ? `注意 ${w}` : ""].filter(Boolean).join("・");
}

/** A new item id like the store's (the kind's prefix + 8 characters). */
export function newId(info: Pick<KindInfo, "id_prefix">): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `${info.id_prefix}-${[...bytes].map((b) => alphabet[b % alphabet.length]).join("")}`;
}

/** A new, empty item as it sits in the draft's list (the model's blank, without `kind`). */
export function blankItem(info: KindInfo, id: string, pillar?: string): Record<string, unknown> & { id: string } {
  // A JSON copy, not structuredClone: in the app the templates are a reactive (proxied)
  // object, which structuredClone refuses.
  const { kind: _kind, ...rest } = JSON.parse(JSON.stringify(info.blank)) as Record<string, unknown>;
  const out = { ...rest, id } as Record<string, unknown> & { id: string };
  if (pillar && "pillar" in out) out.pillar = pillar;
  return out;
}

/** Items that link to `id`, as 「研修「…」」 labels (shown before a delete removes the links). */
export function linkersOf(draft: Draft, id: string, t: Pick<Templates, "kinds">): string[] {
  const out: string[] = [];
  for (const k of t.kinds) {
    for (const it of draft[k.list as ListName] as unknown as Record<string, unknown>[]) {
      if (k.link_fields.some((f) => (it[f.field] as string[] | undefined)?.includes(id))) {
        out.push(`${k.label}「${itemName(k, it)}」`);
      }
    }
  }
  return out;
}

/** Remove every link to `id` from the draft (after the store deleted the item). */
export function unlinkEverywhere(draft: Draft, id: string, t: Pick<Templates, "kinds">): void {
  for (const k of t.kinds) {
    for (const it of draft[k.list as ListName] as unknown as Record<string, unknown>[]) {
      for (const f of k.link_fields) {
        const v = it[f.field];
        if (Array.isArray(v) && v.includes(id)) it[f.field] = v.filter((x) => x !== id);
      }
    }
  }
}
