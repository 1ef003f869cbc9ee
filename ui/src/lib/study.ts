// 研究会モード「方針案を比べる」: what the comparison can be written as.
import type { Format } from "../generated/Format";

/** The formats of the comparison (no Excel: it is a document, not the plan tables). */
export const exportChoices: readonly { format: Format; label: string }[] = [
  { format: "pdf", label: "PDF" },
  { format: "docx", label: "Word" },
  { format: "md", label: "Markdown" },
];

/** The facilitator's ←/→ move between screens; not while a control of the comparison has the key. */
export function navigates(mode: string, target: EventTarget | null): boolean {
  if (mode === "drafts") return false;
  const t = target as HTMLElement | null;
  return t?.tagName !== "SELECT" && t?.tagName !== "INPUT" && t?.tagName !== "TEXTAREA";
}
