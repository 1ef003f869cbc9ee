import type { TextLimits } from "../generated/TextLimits";

/** The limit of a text field, in characters (Unicode code points, as Rust counts them). */
export function limitOf(el: HTMLInputElement | HTMLTextAreaElement, limits: TextLimits): number {
  if (el.id === "section-text" || el.hasAttribute("data-section-editor")) return limits.section;
  return el instanceof HTMLTextAreaElement ? limits.description : limits.short;
}

/** Code points in `s`, counting no further than `stop` (a 100 MB paste is not walked whole). */
export function charsUpTo(s: string, stop: number): number {
  let n = 0;
  for (let i = 0; i < s.length && n <= stop; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export interface Refused {
  /** Characters the paste held (counted up to just past the room left). */
  pasted: number;
  limit: number;
  /** Characters the field keeps outside the replaced selection. */
  kept: number;
}

/**
 * Whether pasting `text` into `el` (replacing its selection) would take the field past its
 * limit; `null` when the paste fits.
 */
export function refusePaste(el: HTMLInputElement | HTMLTextAreaElement, text: string, limits: TextLimits): Refused | null {
  const limit = limitOf(el, limits);
  const value = el.value;
  const start = el.selectionStart ?? value.length;
  const end = el.selectionEnd ?? start;
  const kept = charsUpTo(value.slice(0, start), limit + 1) + charsUpTo(value.slice(end), limit + 1);
  const room = Math.max(0, limit - kept);
  const pasted = charsUpTo(text, room + 1);
  return pasted > room ? { pasted: text.length, limit, kept } : null;
}

/** 「約1億字」「約12万字」「3,500字」: a size people read at a glance. */
export function roughChars(n: number): string {
  if (n >= 100_000_000) return `約${Math.round(n / 10_000_000) / 10}億字`;
  if (n >= 10_000) return `約${Math.round(n / 10_000).toLocaleString("ja-JP")}万字`;
  return `${n.toLocaleString("ja-JP")}字`;
}

/** The Japanese message for a refused paste. */
export function refusedText(r: Refused): string {
  return `貼り付けようとした文章（${roughChars(r.pasted)}）が長すぎるため、貼り付けませんでした。この欄に入るのは${r.limit.toLocaleString("ja-JP")}字までです（今の文章は${r.kept.toLocaleString("ja-JP")}字）。文章を分けて、別の項目や欄に貼り付けてください。入力済みの文章はそのままです。`;
}
