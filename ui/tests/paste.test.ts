import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import PasteGuard from "../src/components/PasteGuard.svelte";
import { charsUpTo, limitOf, refusePaste, refusedText, roughChars } from "../src/lib/paste";
import type { TextLimits } from "../src/generated/TextLimits";

/** Lets the guard's request for the limits come back. */
const settle = async () => {
  await new Promise((r) => setTimeout(r, 0));
  await tick();
};
const limits: TextLimits = { section: 100_000, description: 20_000, short: 1_000 };
let mounted: Record<string, unknown>[] = [];
afterEach(() => {
  mounted.forEach((m) => unmount(m));
  mounted = [];
  document.body.innerHTML = "";
});

function field(html: string): HTMLTextAreaElement | HTMLInputElement {
  document.body.insertAdjacentHTML("beforeend", html);
  return document.body.lastElementChild as HTMLTextAreaElement | HTMLInputElement;
}

/** A paste as the browser sends it; returns whether the default (inserting) was left to happen. */
function paste(el: HTMLElement, text: string): boolean {
  const e = new Event("paste", { bubbles: true, cancelable: true }) as ClipboardEvent;
  Object.defineProperty(e, "clipboardData", { value: { getData: (t: string) => (t === "text/plain" ? text : "") } });
  return el.dispatchEvent(e);
}

describe("the paste limits", () => {
  it("knows each field's limit", () => {
    expect(limitOf(field('<textarea id="section-text"></textarea>') as HTMLTextAreaElement, limits)).toBe(100_000);
    expect(limitOf(field('<textarea data-field="description"></textarea>') as HTMLTextAreaElement, limits)).toBe(20_000);
    expect(limitOf(field('<input id="rename-title">') as HTMLInputElement, limits)).toBe(1_000);
  });

  it("counts characters as Rust does (a surrogate pair is one) and stops early", () => {
    expect(charsUpTo("𠮷野家", 10)).toBe(3);
    expect(charsUpTo("𠮷".repeat(5), 10)).toBe(5);
    expect(charsUpTo("あ".repeat(1_000_000), 10)).toBe(11);
  });

  it("lets a paste that fits through, counting what the selection replaces", () => {
    const t = field('<textarea id="section-text"></textarea>') as HTMLTextAreaElement;
    t.value = "あ".repeat(99_990);
    t.setSelectionRange(99_990, 99_990);
    expect(refusePaste(t, "い".repeat(10), limits)).toBeNull();
    expect(refusePaste(t, "い".repeat(11), limits)).toEqual({ pasted: 11, limit: 100_000, kept: 99_990 });
    // Replacing 20 selected characters leaves room for 30.
    t.setSelectionRange(0, 20);
    expect(refusePaste(t, "い".repeat(30), limits)).toBeNull();
  });

  it("says in Japanese how long the paste was, what fits, and that nothing was lost", () => {
    expect(roughChars(100 * 1024 * 1024)).toBe("約1億字");
    expect(roughChars(123_456)).toBe("約12万字");
    const m = refusedText({ pasted: 104_857_600, limit: 100_000, kept: 42 });
    expect(m).toContain("約1億字");
    expect(m).toContain("100,000字まで");
    expect(m).toContain("入力済みの文章はそのままです");
  });
});

describe("PasteGuard", () => {
  it("refuses a 100 MB paste into a section before anything reaches the field, and says why", async () => {
    mounted.push(mount(PasteGuard, { target: document.body, props: { limits: async () => limits } }));
    await settle();
    const t = field('<textarea id="section-text"></textarea>') as HTMLTextAreaElement;
    t.value = "今の本文。";
    let seen = 0;
    t.addEventListener("paste", () => seen++);
    const huge = "あ".repeat(100 * 1024 * 1024);
    expect(paste(t, huge)).toBe(false);
    flushSync();
    expect(seen).toBe(0);
    expect(t.value).toBe("今の本文。");
    const alert = document.getElementById("paste-refused")!;
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toContain("約1億字");
    // A paste that fits goes through and the message goes away.
    expect(paste(t, "追記。")).toBe(true);
    flushSync();
    expect(seen).toBe(1);
    expect(document.getElementById("paste-refused")).toBeNull();
  });

  it("guards one-line fields with their own limit", async () => {
    mounted.push(mount(PasteGuard, { target: document.body, props: { limits: async () => limits } }));
    await settle();
    const name = field('<input id="rename-title" type="text">') as HTMLInputElement;
    expect(paste(name, "名".repeat(1_001))).toBe(false);
    expect(paste(name, "名".repeat(1_000))).toBe(true);
  });

  it("refuses nothing when the limits could not be read (the save still checks)", async () => {
    mounted.push(mount(PasteGuard, { target: document.body, props: { limits: async () => { throw new Error("none"); } } }));
    await settle();
    const t = field('<textarea id="section-text"></textarea>') as HTMLTextAreaElement;
    expect(paste(t, "あ".repeat(200_000))).toBe(true);
  });
});
