/**
 * True while an IME is composing (e.g. the Enter that confirms 変換 in Japanese input).
 * Such a key must never submit a form or trigger a shortcut. WebKitGTK and Safari report
 * keyCode 229 for keys that the IME consumes, sometimes with isComposing already false.
 */
export function isComposing(e: Pick<KeyboardEvent, "isComposing" | "keyCode">): boolean {
  return e.isComposing || e.keyCode === 229;
}
