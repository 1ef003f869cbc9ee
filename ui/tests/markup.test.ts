// Typed markup is text (issue 15). The corpus of markup vectors (tests/fixtures) in the
// components: the previews get Rust's HTML for it (ui/tests/fixtures/markup-preview.json,
// written by crates/hoshin-ops/tests/markup.rs) and must show every vector as typed with no
// element of the user's making; names, version labels and old-policy headings are Svelte text.
import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import { readdirSync, readFileSync } from "node:fs";
import SectionEditor from "../src/components/SectionEditor.svelte";
import VersionsDialog from "../src/components/VersionsDialog.svelte";
import PolicyImportDialog from "../src/components/PolicyImportDialog.svelte";
import type { Api, PolicyImport } from "../src/lib/api";
import type { Outline } from "../src/generated/Outline";
import type { Templates } from "../src/generated/Templates";
import type { VersionInfo } from "../src/generated/VersionInfo";
import builtin from "../src/generated/templates.builtin.json";
import corpus from "../../tests/fixtures/markup-vectors.json";
import previews from "./fixtures/markup-preview.json";

const vectors: string[] = corpus.vectors;
const rendered = previews as Record<string, string>;
const templates = builtin as unknown as Templates;

/** What Markdown may make in a preview (and the templates' <u>, <br>). */
const ALLOWED = new Set(["P", "BR", "STRONG", "EM", "DEL", "CODE", "PRE", "A", "H1", "H2", "H3", "H4", "H5", "H6",
  "UL", "OL", "LI", "TABLE", "THEAD", "TBODY", "TR", "TH", "TD", "BLOCKQUOTE", "HR", "U"]);

/** Elements of the user's making inside `root`, and attributes that could run or load anything. */
function intruders(root: Element): string[] {
  const found: string[] = [];
  for (const el of Array.from(root.querySelectorAll("*"))) {
    if (!ALLOWED.has(el.tagName.toUpperCase())) found.push(`<${el.tagName.toLowerCase()}>`);
    for (const a of Array.from(el.attributes)) {
      const v = a.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
      if (a.name.startsWith("on") || a.name === "style" || a.name === "src" || a.name === "srcdoc"
        || ((a.name === "href" || a.name.endsWith(":href")) && !/^(https?|mailto):/.test(v))) {
        found.push(`${el.tagName.toLowerCase()}[${a.name}=${a.value}]`);
      }
    }
  }
  return found;
}

let mounted: Record<string, unknown>[] = [];
afterEach(() => {
  mounted.forEach((c) => unmount(c));
  mounted = [];
  document.body.innerHTML = "";
  delete (window as unknown as Record<string, unknown>).__pwned;
});

const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
  }
  flushSync();
};

const pillar = templates.pillars[0];
const guide = pillar.items[0];

describe("the corpus", () => {
  it("has at least 50 vectors, one line each, and a preview of each", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(50);
    expect(new Set(vectors).size).toBe(vectors.length);
    for (const v of vectors) {
      expect(v).not.toContain("\n");
      expect(rendered[v], v).toBeTypeOf("string");
    }
  });
});

describe("the section preview", () => {
  it("shows every vector as typed, and nothing of it is an element", () => {
    for (const v of vectors) {
      mounted.push(mount(SectionEditor, { target: document.body, props: {
        pillar, guide, text: v, preview: true, previewHtml: rendered[v], onInput: () => {}, onTogglePreview: () => {},
      } }));
      flushSync();
      const pv = document.querySelector(".preview") as HTMLElement;
      expect(intruders(pv), v).toEqual([]);
      expect(pv.textContent?.trim(), v).toBe(v);
      unmount(mounted.pop()!);
      document.body.innerHTML = "";
    }
  });

  it("keeps the text after an unclosed <style> or <math><style> (all vectors in one section)", () => {
    mounted.push(mount(SectionEditor, { target: document.body, props: {
      pillar, guide, text: "", preview: true, previewHtml: rendered[""], onInput: () => {}, onTogglePreview: () => {},
    } }));
    flushSync();
    const pv = document.querySelector(".preview") as HTMLElement;
    expect(intruders(pv)).toEqual([]);
    const paragraphs = Array.from(pv.querySelectorAll("p")).map((p) => p.textContent);
    expect(paragraphs).toEqual(["前の段落。", ...vectors, "後の段落。"]);
    expect((window as unknown as Record<string, unknown>).__pwned).toBeUndefined();
  });
});

describe("the version list and preview", () => {
  const version = (id: number, label: string): VersionInfo =>
    ({ id, draft_id: "d", label, kind: "manual", created_at: "2026-04-01T09:00:00+09:00", title: `版 ${id} ${label}` });

  it("shows labels as typed and the version's content as text", async () => {
    const list = vectors.map((v, i) => version(i + 1, v));
    const api = { versions: async () => list, versionPreview: async () => rendered[""] } as unknown as Api;
    mounted.push(mount(VersionsDialog, { target: document.body, props: {
      api, draftId: "d", onClose: () => {}, onRestored: async () => {}, flush: async () => {},
    } }));
    await settle();
    const labels = Array.from(document.querySelectorAll(".version-list li strong")).map((s) => s.textContent);
    expect(labels).toEqual(vectors);
    expect(intruders(document.querySelector(".version-list") as Element).filter((x) => !x.startsWith("<div") && !x.startsWith("<span") && !x.startsWith("<button") && !x.startsWith("<li"))).toEqual([]);
    (document.querySelectorAll('[data-action="preview"]')[12] as HTMLButtonElement).click();
    await settle();
    const pv = document.querySelector(".version-preview") as HTMLElement;
    expect(pv.querySelector("p.muted")?.textContent).toBe(`版「${vectors[12]}」の内容（読み取り専用）`);
    expect(intruders(pv)).toEqual([]);
    for (const v of vectors) expect(pv.textContent).toContain(v);
    expect(document.querySelectorAll("script, img, svg, math, style, iframe, object, embed")).toHaveLength(0);
  });
});

describe("the 現行方針 import mapping", () => {
  it("shows the old policy's headings and text as typed", async () => {
    const outline: Outline = {
      preamble: vectors[0],
      sections: vectors.slice(0, 20).map((v, i) => ({
        number: `${i + 1}`, title: v, level: 1, body: vectors[(i + 20) % vectors.length], line: i + 1,
      })),
    };
    const picked = {
      token: 1, file_name: `${vectors[4]}.txt`, outline,
      suggestions: outline.sections.map((_, i) => ({ section: i, item: null, score: 0, alternatives: [] })),
    } as unknown as PolicyImport;
    mounted.push(mount(PolicyImportDialog, { target: document.body, props: {
      api: { pickOldPolicy: async () => picked } as unknown as Api, draftId: "d", templates,
      onClose: () => {}, onImported: async () => {},
    } }));
    flushSync();
    (document.getElementById("policy-pick") as HTMLButtonElement).click();
    await settle();
    const text = document.body.textContent ?? "";
    for (const v of vectors.slice(0, 20)) expect(text.includes(v), v).toBe(true);
    expect(text.includes(`「${vectors[4]}.txt」`)).toBe(true);
    expect(document.querySelectorAll("script, img, svg, math, style, iframe, object, embed, a, u, b, i, x")).toHaveLength(0);
  });
});

describe("{@html}", () => {
  it("is used only where Rust hands over cleaned HTML", () => {
    const dir = `${process.cwd()}/src/components`;
    const users = readdirSync(dir).filter((f) => f.endsWith(".svelte") && readFileSync(`${dir}/${f}`, "utf8").includes("{@html"));
    expect(users.sort()).toEqual(["DraftsCompare.svelte", "SectionEditor.svelte", "VersionsDialog.svelte"]);
    expect(readFileSync(`${process.cwd()}/src/App.svelte`, "utf8")).not.toContain("{@html");
  });
});
