import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import Facilitator from "../src/components/Facilitator.svelte";
import { preparation, startsBlock, stepView } from "../src/lib/walk";
import type { Templates } from "../src/generated/Templates";
import builtin from "../src/generated/templates.builtin.json";

const t = builtin as unknown as Templates;
const walk = t.walk;

describe("the walk for a room and online", () => {
  it("names the block of each step and starts with top management", () => {
    const v = stepView(walk, walk.steps[0], "room");
    expect(walk.steps[0].item).toBe("kihon.suishin-taisei");
    expect(v.block).toMatch(/^ブロック1　.+（\d+分）$/);
    expect(walk.blocks).toHaveLength(4);
  });

  it("shows the online note online and the room's note in a room", () => {
    const s = walk.steps.find((x) => x.online.trim() && x.online !== x.note)!;
    expect(stepView(walk, s, "online").note).toBe(s.online);
    expect(stepView(walk, s, "room").note).toBe(s.note);
    // No online note: the room's note is shown online too.
    expect(stepView(walk, { ...s, online: " " }, "online").note).toBe(s.note);
  });

  it("calls group work a breakout room online", () => {
    const g = walk.steps.find((x) => x.breakout)!;
    expect(stepView(walk, g, "room").group).toBe("グループ討議");
    expect(stepView(walk, g, "online").group).toBe("ブレイクアウトルーム");
    const whole = walk.steps.find((x) => !x.breakout)!;
    expect(stepView(walk, whole, "online").group).toBe("");
  });

  it("lists what to prepare for each venue and marks where a block starts", () => {
    expect(preparation(walk, "room").length).toBeGreaterThanOrEqual(5);
    expect(preparation(walk, "online")).toEqual(walk.online_preparation);
    const firstOfBlock2 = walk.steps.findIndex((x) => x.block === 2);
    expect(startsBlock(walk, firstOfBlock2)).toBe(true);
    expect(startsBlock(walk, 0)).toBe(false);
    expect(startsBlock(walk, 1)).toBe(false);
  });
});

describe("研究会モード on the walk", () => {
  let mounted: Record<string, unknown>[] = [];
  afterEach(() => {
    mounted.forEach((c) => unmount(c));
    mounted = [];
    document.body.innerHTML = "";
  });
  const settle = async () => {
    await tick();
    flushSync();
  };
  const button = (label: string) =>
    [...document.querySelectorAll("button")].find((b) => b.textContent?.trim().startsWith(label)) as HTMLButtonElement;

  it("shows the block, the venue's note, group work and the preparation list", async () => {
    mounted.push(mount(Facilitator, { target: document.body, props: { templates: t, onLeave: () => {} } }));
    await settle();
    button("勉強会の進行").click();
    await settle();
    expect(document.querySelector(".fac-block")?.textContent).toContain("ブロック1");
    expect(document.querySelector(".fac-heading")?.textContent).toBe("全庁的な推進体制の構築");
    // Move to a step with group work and an online note.
    const k = walk.steps.findIndex((x) => x.breakout && x.online.trim() && x.online !== x.note);
    for (let i = 0; i < k; i++) button("次へ").click();
    await settle();
    expect(document.querySelector(".fac-group-badge")?.textContent).toBe("グループ討議");
    expect(document.querySelector(".fac-note")?.textContent).toContain(walk.steps[k].note);
    button("オンライン").click();
    await settle();
    expect(document.querySelector(".fac-group-badge")?.textContent).toBe("ブレイクアウトルーム");
    expect(document.querySelector(".fac-note")?.textContent).toContain(walk.steps[k].online);
    button("持ち物・事前準備").click();
    await settle();
    const items = [...document.querySelectorAll(".fac-prep li")].map((li) => li.textContent);
    expect(items).toEqual(walk.online_preparation);
    expect(button("持ち物・事前準備").getAttribute("aria-expanded")).toBe("true");
  });
});

describe("worksheets from 研究会モード", () => {
  afterEach(() => {
    document.body.innerHTML = "";
  });

  it("exports a blank sheet, or one filled from the open draft", async () => {
    const calls: unknown[][] = [];
    const api = {
      exportWorksheet: async (...a: unknown[]) => {
        calls.push(a);
        return { path: "/tmp/x.pdf", file_name: "x.pdf", pages: 1, warnings: [], open_errors: 0 };
      },
      revealExport: async () => {},
    };
    const c = mount(Facilitator, { target: document.body, props: { templates: t, onLeave: () => {}, api: api as never, draftId: "d-1" } });
    await tick();
    flushSync();
    const button = (label: string, root: ParentNode = document) =>
      [...root.querySelectorAll("button")].find((b) => b.textContent?.trim().startsWith(label)) as HTMLButtonElement;
    button("勉強会の進行").click();
    await tick();
    button("持ち物・事前準備").click();
    await tick();
    flushSync();
    button("PDF", document.querySelector('[data-sheet="grid"]')!).click();
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
    expect(calls[0]).toEqual(["grid", null, "pdf"]);
    expect(document.querySelector("#worksheet-done")?.textContent).toContain("x.pdf");
    (document.querySelector("#sheet-filled") as HTMLInputElement).click();
    flushSync();
    button("Excel", document.querySelector('[data-sheet="chain"]')!).click();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls[1]).toEqual(["chain", "d-1", "xlsx"]);
    unmount(c);
  });
});
