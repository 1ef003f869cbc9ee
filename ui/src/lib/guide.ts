// The guided walk: which findings belong to which guideline item, its status mark, and
// where a finding's 「移動」 lands.
import type { Draft } from "../generated/Draft";
import type { Finding } from "../generated/Finding";
import type { GuideItem } from "../generated/GuideItem";
import type { Location } from "../generated/Location";
import type { Templates } from "../generated/Templates";
import type { Kind } from "../generated/Kind";

export type ListName = "personas" | "abilities" | "goals" | "trainings" | "hirings" | "indicators";

export const LISTS: readonly ListName[] = ["personas", "abilities", "goals", "trainings", "hirings", "indicators"];

export const KIND_OF: Record<ListName, Kind> = {
  personas: "persona",
  abilities: "ability",
  goals: "goal",
  trainings: "training",
  hirings: "hiring",
  indicators: "indicator",
};

export const LIST_OF: Record<Kind, ListName> = {
  persona: "personas",
  ability: "abilities",
  goal: "goals",
  training: "trainings",
  hiring: "hirings",
  indicator: "indicators",
};

export const LIST_LABEL: Record<ListName, string> = {
  personas: "目指す職員像",
  abilities: "求められる能力",
  goals: "目標・施策",
  trainings: "研修",
  hirings: "採用",
  indicators: "指標",
};

/** The field holding an item's name. */
export const NAME_FIELD: Record<Kind, string> = {
  persona: "title",
  ability: "name",
  goal: "title",
  training: "title",
  hiring: "field",
  indicator: "name",
};

/** Guideline items where the 推進体制 fields are edited. */
export const GOVERNANCE_ITEMS = ["suishin.taisei", "kihon.suishin-taisei"];

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

/** Lists edited in this guideline item (its `expects`, in a stable order). */
export function expectedLists(g: GuideItem): ListName[] {
  return LISTS.filter((l) => g.expects.includes(l));
}

function isKindTarget(t: string): t is Kind {
  return t in LIST_OF;
}

/** Does this finding belong to guideline item `g`? */
export function belongsTo(f: Finding, g: GuideItem, t: Templates): boolean {
  const loc = f.location;
  switch (loc.target) {
    case "section":
      return loc.id === g.id;
    case "governance":
      return GOVERNANCE_ITEMS.includes(g.id);
    case "pillar":
      return t.pillars.find((p) => p.id === loc.id)?.items[0]?.id === g.id;
    case "digital_type":
      return g.id === "digital.jinzaizo";
    case "draft":
      return false;
    default:
      return isKindTarget(loc.target) && g.expects.includes(LIST_OF[loc.target]);
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

/** CSS selector of the field to focus for a finding. */
export function fieldSelector(loc: Location): string {
  const esc = (s: string) => s.replace(/["\\]/g, "\\$&");
  if (loc.target === "section") return "[data-section-editor]";
  if (loc.target === "governance") return loc.field ? `[data-gov-field="${esc(loc.field)}"]` : "[data-gov-field]";
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

/** A new item id like the store's (`ab-` + 8 characters). */
export function newId(kind: Kind): string {
  const prefix = { persona: "ps", ability: "ab", goal: "gl", training: "tr", hiring: "hr", indicator: "in" }[kind];
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `${prefix}-${[...bytes].map((b) => alphabet[b % alphabet.length]).join("")}`;
}

/** The link fields that can point at another item (as in the Rust model). */
const LINK_FIELDS: Record<ListName, readonly string[]> = {
  personas: [],
  abilities: ["personas"],
  goals: ["abilities"],
  trainings: ["abilities", "goals"],
  hirings: ["abilities", "goals"],
  indicators: ["goals"],
};

/** Items that link to `id`, as 「研修「…」」 labels (shown before a delete removes the links). */
export function linkersOf(draft: Draft, id: string): string[] {
  const out: string[] = [];
  for (const list of LISTS) {
    for (const it of draft[list] as unknown as Record<string, unknown>[]) {
      if (LINK_FIELDS[list].some((f) => (it[f] as string[] | undefined)?.includes(id))) {
        out.push(`${LIST_LABEL[list]}「${String(it[NAME_FIELD[KIND_OF[list]]] ?? "")}」`);
      }
    }
  }
  return out;
}
