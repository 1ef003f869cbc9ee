import { afterEach, describe, expect, it, vi } from "vitest";
import { Autosaver, type SaveState } from "../src/lib/autosave";
import { filterOptions, normalise } from "../src/lib/picker";
import { isComposing, isPlainEnter, isSaveShortcut } from "../src/lib/ime";
import {
  basisLabel, blankItem, countLabel, expectedLists, fieldSelector, findingsFor, guideFor, linkersOf, listInfo, newId, shortestPath, statusOf,
  unlinkEverywhere,
} from "../src/lib/guide";
import { parseCell, tableDef, visibleRows, yearsText } from "../src/lib/table";
import type { Draft } from "../src/generated/Draft";
import type { Finding } from "../src/generated/Finding";
import type { GuideItem } from "../src/generated/GuideItem";
import type { Templates } from "../src/generated/Templates";
import builtin from "../src/generated/templates.builtin.json";
import sample from "../../policy-templates/samples/city-300000.hoshin.json";

/** The real built-in templates, as the app receives them from Rust. */
const T = builtin as unknown as Templates;
const item = (id: string): GuideItem => T.pillars.flatMap((p) => p.items).find((g) => g.id === id)!;
const draft = (): Draft => structuredClone(sample.draft) as unknown as Draft;

function finding(rule: string, target: Finding["location"]["target"], id: string, over: Partial<Finding> = {}): Finding {
  return {
    rule, severity: rule.startsWith("E") ? "error" : "warning", title: "", message: "", key: `${rule}/${id}/`, acknowledgement: null,
    location: { target, id, field: null, field_label: null, label: "" }, ...over,
  };
}

describe("status marks", () => {
  const g = item("kihon.noryoku");
  it("is 未着手 without text, 要対応 with an open error, 作成中 with warnings, 完了 when clean", () => {
    expect(statusOf(g, { sections: {} }, [])).toBe("untouched");
    expect(statusOf(g, { sections: { "kihon.noryoku": "本文" } }, [])).toBe("done");
    expect(statusOf(g, { sections: { "kihon.noryoku": "  \n" } }, [])).toBe("untouched");
    expect(statusOf(g, { sections: { "kihon.noryoku": "本文" } }, [finding("W1", "ability", "ab-1")])).toBe("writing");
    expect(statusOf(g, { sections: {} }, [finding("E1", "ability", "ab-1")])).toBe("action");
  });
  it("ignores acknowledged findings", () => {
    const acked = finding("E1", "ability", "ab-1", { acknowledgement: { key: "k", rule: "E1", reason: "予定", by: "", at: "" } });
    expect(statusOf(g, { sections: { "kihon.noryoku": "本文" } }, [acked])).toBe("done");
    expect(countLabel([acked])).toBe("");
    expect(countLabel([finding("E1", "ability", "a"), finding("E2", "training", "t"), finding("W3", "ability", "a")])).toBe("要対応 2・注意 1");
  });
});

describe("where findings belong (from the templates' expects)", () => {
  it("puts item findings under the guideline items that edit that list, and jumps there", () => {
    const e1 = finding("E1", "ability", "ab-1");
    const sec = finding("W2", "section", "ikusei.ojt");
    expect(findingsFor([e1, sec], item("kihon.noryoku"), T)).toEqual([e1]);
    expect(findingsFor([e1, sec], item("ikusei.ojt"), T)).toEqual([sec]);
    expect(guideFor(e1.location, T)).toBe("kihon.noryoku");
    // Staying put when the current item edits abilities too.
    expect(guideFor(e1.location, T, "ikusei.reskilling")).toBe("ikusei.reskilling");
    expect(guideFor({ ...e1.location, target: "draft" }, T)).toBeNull();
    expect(fieldSelector({ target: "training", id: "tr-1", field: "abilities", field_label: null, label: "" })).toContain('[data-item-id="tr-1"] [data-picker="abilities"]');
  });

  it("sends 推進体制 and digital-type findings to the items marked in expects", () => {
    const w1 = finding("W1", "governance", "governance");
    const e4 = finding("E4", "digital_type", "engineer");
    expect(guideFor(w1.location, T)).toBe("kihon.suishin-taisei");
    expect(guideFor(w1.location, T, "suishin.taisei")).toBe("suishin.taisei");
    expect(guideFor(e4.location, T)).toBe("digital.jinzaizo");
    // A municipality's own template moves the 推進体制 fields: the findings follow.
    const moved = structuredClone(T);
    for (const g of moved.pillars.flatMap((p) => p.items)) {
      g.expects = g.expects.filter((e) => e !== "governance");
      if (g.id === "suishin.tenken") g.expects.push("governance");
    }
    expect(guideFor(w1.location, moved)).toBe("suishin.tenken");
    const old = moved.pillars.flatMap((p) => p.items).find((g) => g.id === "kihon.suishin-taisei")!;
    expect(findingsFor([w1], old, moved)).toEqual([]);
  });

  it("lists the cards of an item in the model's order, whatever order expects has", () => {
    const g = { ...item("ikusei.reskilling"), expects: ["trainings", "governance", "abilities"] };
    expect(expectedLists(g, T)).toEqual(["abilities", "trainings"]);
  });
});

describe("new items from the model", () => {
  it("a new training is the model's blank with a fresh id of the kind's prefix", () => {
    const info = listInfo(T, "trainings");
    const a = blankItem(info, newId(info));
    const b = blankItem(info, newId(info));
    expect(a.id).toMatch(/^tr-[a-z2-9]{8}$/);
    expect(a.id).not.toBe(b.id);
    expect(a).not.toHaveProperty("kind");
    expect(a).toMatchObject({ title: "", layers: [], years: [], participants: null, joint: false });
    (a.layers as string[]).push("young");
    expect(b.layers).toEqual([]); // no shared arrays between new items
  });
  it("a new goal starts under the pillar being edited", () => {
    expect(blankItem(listInfo(T, "goals"), "gl-x", "kakuho").pillar).toBe("kakuho");
    expect(blankItem(listInfo(T, "indicators"), "in-x", "kakuho")).not.toHaveProperty("pillar");
  });
});

describe("linkers of an item about to be deleted", () => {
  const d = {
    personas: [], goals: [{ id: "gl-1", title: "目標", abilities: ["ab-1"] }],
    abilities: [{ id: "ab-1", name: "対話する力", personas: [] }, { id: "ab-2", name: "別の力", personas: [] }],
    trainings: [{ id: "tr-1", title: "対話研修", abilities: ["ab-1"], goals: [] }],
    hirings: [{ id: "hr-1", field: "情報", abilities: ["ab-2"], goals: [] }],
    measures: [{ id: "ms-1", title: "メンター制度", abilities: ["ab-1"], goals: ["gl-1"] }],
    indicators: [],
    digital_targets: [{ id: "dt-1", name: "DX推進リーダー", trainings: ["tr-1"], hirings: [] }],
  } as unknown as Draft;
  it("names them by kind and name, and removes the links after the delete", () => {
    expect(linkersOf(d, "ab-1", T)).toEqual(["目標・施策「目標」", "研修「対話研修」", "施策・制度「メンター制度」"]);
    expect(linkersOf(d, "tr-1", T)).toEqual(["デジタル人材の目標「DX推進リーダー」"]);
    unlinkEverywhere(d, "ab-1", T);
    expect(linkersOf(d, "ab-1", T)).toEqual([]);
    expect(d.hirings[0].abilities).toEqual(["ab-2"]);
  });
});

describe("plan tables", () => {
  it("sorts 研修計画 by name, participants and years, empty values last, and back to draft order", () => {
    const d = draft();
    const def = tableDef("training", T, d);
    const byName = visibleRows(def, d.trainings, {}, { key: "title", dir: "ascending" }).map((r) => r.title);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, "ja")));
    d.trainings[0].participants = null;
    const byCount = visibleRows(def, d.trainings, {}, { key: "participants", dir: "descending" });
    const counts = byCount.map((r) => r.participants);
    expect(counts.at(-1)).toBeNull();
    const known = counts.filter((c) => c !== null) as number[];
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(visibleRows(def, d.trainings, {}, null).map((r) => r.id)).toEqual(d.trainings.map((t) => t.id));
  });

  it("filters 研修計画 by layer, year and the pillar of linked goals", () => {
    const d = draft();
    const def = tableDef("training", T, d);
    const layer = d.trainings[0].layers[0];
    const rows = visibleRows(def, d.trainings, { layer }, null);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(d.trainings.length);
    expect(rows.every((r) => r.layers.includes(layer))).toBe(true);
    const y = d.meta.period.from;
    expect(visibleRows(def, d.trainings, { year: String(y) }, null).every((r) => r.years.includes(y))).toBe(true);
    const both = visibleRows(def, d.trainings, { layer, year: String(y) }, null);
    expect(both.every((r) => r.layers.includes(layer) && r.years.includes(y))).toBe(true);
    const digital = visibleRows(def, d.trainings, { pillar: "digital" }, null);
    for (const r of digital) expect(r.goals.some((g: string) => d.goals.find((x) => x.id === g)?.pillar === "digital")).toBe(true);
  });

  it("filters 採用計画 by route and by the years with planned hires", () => {
    const d = draft();
    const def = tableDef("hiring", T, d);
    const route = d.hirings[0].route;
    expect(visibleRows(def, d.hirings, { route }, null).every((r) => r.route === route)).toBe(true);
    d.hirings[0].headcount = [{ fy: 2028, count: 2 }];
    const in2027 = visibleRows(def, d.hirings, { year: "2027" }, null).map((r) => r.id);
    expect(in2027).not.toContain(d.hirings[0].id);
    expect(visibleRows(def, d.hirings, { year: "2028" }, null).map((r) => r.id)).toContain(d.hirings[0].id);
  });

  it("writes a year's headcount into the hiring's list and clears it when emptied", () => {
    const d = draft();
    const col = tableDef("hiring", T, d).columns.find((c) => c.key === "hc-2029")!;
    const h = { ...d.hirings[0], headcount: [{ fy: 2030, count: 1 }, { fy: 2027, count: 3 }] };
    col.set!(h, 4);
    expect(h.headcount).toEqual([{ fy: 2027, count: 3 }, { fy: 2029, count: 4 }, { fy: 2030, count: 1 }]);
    col.set!(h, null);
    expect(h.headcount.map((x) => x.fy)).toEqual([2027, 2030]);
    expect(tableDef("hiring", T, d).columns.find((c) => c.key === "total")!.text(h)).toBe("4");
  });

  it("reads typed cells as a Japanese user types them, and says what to fix", () => {
    expect(parseCell({ type: "int" }, "３０", "定員")).toEqual({ ok: true, value: 30 });
    expect(parseCell({ type: "int" }, "", "定員")).toEqual({ ok: true, value: null });
    const bad = parseCell({ type: "int" }, "三十", "定員");
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain("定員は0以上の整数");
    expect(parseCell({ type: "number" }, "1,234.5", "基準値")).toEqual({ ok: true, value: 1234.5 });
    expect(parseCell({ type: "year" }, "令和11", "目標年度")).toEqual({ ok: true, value: 2029 });
    expect(parseCell({ type: "year" }, "R7年度", "目標年度")).toEqual({ ok: true, value: 2025 });
    expect(parseCell({ type: "year" }, "２０３０", "目標年度")).toEqual({ ok: true, value: 2030 });
    expect(parseCell({ type: "year" }, "11", "目標年度").ok).toBe(false);
    const empty = parseCell({ type: "text", required: true }, "  ", "研修名");
    expect(!empty.ok && empty.error).toContain("研修名は空にできません");
  });

  it("shows a training's years compactly in 和暦", () => {
    expect(yearsText([2027, 2028, 2030])).toBe("令和9・10・12年度");
    expect(yearsText([2025])).toBe("令和7年度");
    expect(yearsText([])).toBe("");
  });
});

describe("chip picker filtering", () => {
  const opts = [
    { id: "a", name: "住民対話力" },
    { id: "b", name: "データ活用力" },
    { id: "c", name: "ＤＸ推進力" },
    { id: "d", name: "コミュニケーション力" },
  ];
  it("matches by name, ignoring width, case and hiragana/katakana", () => {
    expect(filterOptions(opts, "対話").map((o) => o.id)).toEqual(["a"]);
    expect(filterOptions(opts, "dx").map((o) => o.id)).toEqual(["c"]);
    expect(filterOptions(opts, "こみゅ").map((o) => o.id)).toEqual(["d"]);
    expect(normalise("ＡＢＣ　ｄ")).toBe("abcd");
  });
  it("leaves out what is chosen and puts prefix matches first", () => {
    expect(filterOptions(opts, "", ["a", "b"]).map((o) => o.id)).toEqual(["c", "d"]);
    expect(filterOptions([{ id: "x", name: "研修の活用力" }, { id: "y", name: "活用力" }], "活用").map((o) => o.id)).toEqual(["y", "x"]);
  });
});

describe("IME guard", () => {
  const key = (o: Partial<KeyboardEvent>) => ({ key: "Enter", isComposing: false, keyCode: 13, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...o }) as KeyboardEvent;
  it("never treats the conversion Enter (isComposing or keyCode 229) as an action", () => {
    expect(isComposing(key({ isComposing: true }))).toBe(true);
    expect(isComposing(key({ keyCode: 229 }))).toBe(true);
    expect(isPlainEnter(key({ keyCode: 229 }))).toBe(false);
    expect(isPlainEnter(key({}))).toBe(true);
    expect(isPlainEnter(key({ shiftKey: true }))).toBe(false);
  });
  it("Ctrl+S saves a version, but not while composing", () => {
    expect(isSaveShortcut(key({ key: "s", ctrlKey: true, keyCode: 83 }))).toBe(true);
    expect(isSaveShortcut(key({ key: "s", ctrlKey: true, keyCode: 229 }))).toBe(false);
    expect(isSaveShortcut(key({ key: "s", keyCode: 83 }))).toBe(false);
  });
});

describe("autosave debounce", () => {
  afterEach(() => vi.useRealTimers());

  it("saves once, within 1 s of the last keystroke, and reports 保存中… then 保存済み", async () => {
    vi.useFakeTimers();
    const states: SaveState[] = [];
    const saver = new Autosaver({ delay: 600, onState: (s) => states.push(s) });
    const save = vi.fn(async () => {});
    for (let i = 0; i < 5; i++) {
      saver.schedule("section:a", save);
      await vi.advanceTimersByTimeAsync(200);
    }
    // Typing every 200 ms never saves mid-word…
    expect(save).not.toHaveBeenCalled();
    // …and the pause after the last keystroke does, before a second has passed.
    await vi.advanceTimersByTimeAsync(799);
    expect(save).toHaveBeenCalledTimes(1);
    expect(states[0]).toBe("saving");
    expect(states.at(-1)).toBe("saved");
  });

  it("saves different fields separately, and the newest text of each", async () => {
    vi.useFakeTimers();
    const saver = new Autosaver({ delay: 600 });
    const saved: string[] = [];
    saver.schedule("a", async () => void saved.push("a1"));
    saver.schedule("b", async () => void saved.push("b1"));
    saver.schedule("a", async () => void saved.push("a2"));
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved.sort()).toEqual(["a2", "b1"]);
  });

  it("flush runs pending saves at once (window close)", async () => {
    const saver = new Autosaver({ delay: 60_000 });
    const a = vi.fn(async () => {});
    const b = vi.fn(async () => {});
    saver.schedule("a", a);
    saver.schedule("b", b);
    await saver.flush();
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(1);
    expect(saver.busy).toBe(false);
  });

  it("keeps the error message until a later save succeeds", async () => {
    const states: [SaveState, string][] = [];
    const saver = new Autosaver({ delay: 1, onState: (s, m) => states.push([s, m]) });
    saver.schedule("a", async () => { throw "ディスクがいっぱいです"; });
    await saver.flush();
    expect(states.at(-1)).toEqual(["error", "ディスクがいっぱいです"]);
    saver.schedule("a", async () => {});
    await saver.flush();
    expect(states.at(-1)).toEqual(["saved", ""]);
  });
});

describe("the whole policy: measures, digital targets, scope, required items", () => {
  it("edits 施策・制度 first of all under 第4 and the digital targets under the digital talent item", () => {
    expect(expectedLists(item("kankyo.ryoritsu"), T)).toEqual(["goals", "measures", "indicators"]);
    expect(expectedLists(item("digital.jinzaizo"), T)).toContain("digital_targets");
    const e11 = finding("E11", "measure", "ms-1");
    expect(guideFor(e11.location, T)).toBe("ikusei.jinji-hyoka");
    expect(guideFor(e11.location, T, "kankyo.kenko")).toBe("kankyo.kenko");
  });

  it("sends scope findings to the item with the scope card and focuses the named field", () => {
    const w9 = finding("W9", "scope", "scope", { location: { target: "scope", id: "scope", field: "staff", field_label: null, label: "" } });
    expect(guideFor(w9.location, T)).toBe("kihon.kikan");
    expect(fieldSelector(w9.location)).toContain('[data-scope-field="staff"] input');
  });

  it("lists the required items first on the shortest path, and says why each item is there", () => {
    const [req, opt] = shortestPath(T);
    expect(req.items.every((g) => g.required)).toBe(true);
    expect(req.items.map((g) => g.id)).toContain("kihon.shokuinzo");
    expect(opt.items.some((g) => g.required)).toBe(false);
    expect(req.items.length + opt.items.length).toBe(T.pillars.flatMap((p) => p.items).length);
    expect(basisLabel(item("kihon.shokuinzo"))).toBe("必須・総務省の指針が求める項目");
    expect(basisLabel(item("kankyo.survey"))).toMatch(/^任意・/);
  });

  it("has a 施策一覧 table filtered by pillar and a digital target table with one column per year", () => {
    const d = draft();
    d.measures = [
      { ...(blankItem(listInfo(T, "measures"), "ms-a", "kankyo") as object), title: "テレワーク", owner: "総務課", years: [2027, 2028] },
      { ...(blankItem(listInfo(T, "measures"), "ms-b", "ikusei") as object), pillar: "ikusei", title: "人事評価の見直し", owner: "人事課", years: [2029] },
    ] as Draft["measures"];
    const def = tableDef("measure", T, d);
    expect(def.columns.map((c) => c.key)).toEqual(expect.arrayContaining(["title", "pillar", "owner", "years", "budget", "goals"]));
    expect(visibleRows(def, d.measures, { pillar: "ikusei" }, null).map((r) => r.id)).toEqual(["ms-b"]);
    const budget = def.columns.find((c) => c.key === "budget")!;
    expect(parseCell(budget.editor!, "1,200", "予算")).toEqual({ ok: false, error: expect.stringContaining("整数") });

    d.digital_targets = [{ ...(blankItem(listInfo(T, "digital_targets"), "dt-a", "digital") as object), name: "DX推進リーダー", tier: "dx-leader", baseline: 3, targets: [] }] as unknown as Draft["digital_targets"];
    const dt = tableDef("digital_target", T, d);
    const y = d.meta.period.to;
    const col = dt.columns.find((c) => c.key === `tg-${y}`)!;
    const row = d.digital_targets[0];
    col.set!(row, 25);
    expect(row.targets).toEqual([{ fy: y, count: 25 }]);
    expect(col.text(row)).toBe("25");
    expect(dt.columns.find((c) => c.key === "tier")!.text(row)).toBe("DX推進リーダー");
  });

  it("keeps numbers that are not hires out of nothing but their own row", () => {
    const d = draft();
    const def = tableDef("hiring", T, d);
    const ck = def.columns.find((c) => c.key === "count_kind")!;
    expect(ck.editor).toMatchObject({ type: "select" });
    const h = { ...d.hirings[0], count_kind: "pool" };
    expect(ck.text(h)).toBe("県・広域で確保する人数");
    expect(visibleRows(def, [h, d.hirings[0]], { count_kind: "pool" }, null)).toEqual([h]);
  });
});
