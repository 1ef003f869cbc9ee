// Filtering for the chip picker: by name, ignoring width (ＡＢＣ/ABC), case, and
// hiragana/katakana, so typing 「けんしゅう」 finds 「ケンシュウ」 as well.

export interface PickOption {
  id: string;
  name: string;
  hint?: string;
}

export function normalise(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/\s+/g, "");
}

/** Options not yet chosen whose name (or hint) contains the query; prefix matches first. */
export function filterOptions(options: readonly PickOption[], query: string, chosen: readonly string[] = []): PickOption[] {
  const q = normalise(query);
  const free = options.filter((o) => !chosen.includes(o.id));
  if (!q) return free;
  const hits = free.filter((o) => normalise(o.name).includes(q) || (o.hint && normalise(o.hint).includes(q)));
  return hits.sort((a, b) => Number(!normalise(a.name).startsWith(q)) - Number(!normalise(b.name).startsWith(q)));
}
