/**
 * True while an IME is composing (e.g. the Enter that confirms 変換 in Japanese input).
 * Such a key must never submit a form or trigger a shortcut. WebKitGTK and Safari report
 * keyCode 229 for keys that the IME consumes, sometimes with isComposing already false.
 */
export function isComposing(e: Pick<KeyboardEvent, "isComposing" | "keyCode">): boolean {
  return e.isComposing || e.keyCode === 229;
}

/** Ctrl+S (⌘S), never while composing. */
export function isSaveShortcut(e: Pick<KeyboardEvent, "isComposing" | "keyCode" | "key" | "ctrlKey" | "metaKey" | "altKey">): boolean {
  return !isComposing(e) && (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "s" || e.key === "S");
}

/** A plain Enter (no Shift) that is not the IME's confirmation. */
export function isPlainEnter(e: Pick<KeyboardEvent, "isComposing" | "keyCode" | "key" | "shiftKey">): boolean {
  return e.key === "Enter" && !e.shiftKey && !isComposing(e);
}
