import { afterEach, describe, expect, it } from "vitest";
import { flushSync, mount, tick, unmount } from "svelte";
import CardList from "../src/components/CardList.svelte";
import { revealCard } from "../src/lib/guide";
import type { Draft } from "../src/generated/Draft";
import type { Templates } from "../src/generated/Templates";
import builtin from "../src/generated/templates.builtin.json";
import sample from "../../policy-templates/samples/town-8000.hoshin.json";

const templates = builtin as unknown as Templates;
let mounted: Record<string, unknown>[] = [];
afterEach(() => {
  mounted.forEach((c) => unmount(c));
  mounted = [];
  document.body.innerHTML = "";
});

/** The sample with `n` trainings. */
function draftWith(n: number): Draft {
  const d = structuredClone(sample.draft) as unknown as Draft;
  const first = d.trainings[0];
  d.trainings = Array.from({ length: n }, (_, i) => ({ ...structuredClone(first), id: `tr-${i}`, title: `研修${i}` }));
  return d;
}

const cards = () => document.querySelectorAll('[data-card-list="trainings"] [data-item-id]');

describe("a long card list", () => {
  it("draws its first 100 cards, says how many wait, and shows the rest on request", async () => {
    const draft = $state(draftWith(234));
    mounted.push(mount(CardList, { target: document.body, props: {
      list: "trainings", draft, templates, findings: [], onAdd: () => {}, onChange: () => {}, onDelete: () => {},
    } }));
    await tick();
    expect(cards().length).toBe(100);
    expect(document.querySelector("#cards-trainings")?.textContent).toContain("234件");
    expect(document.querySelector(".cards-more")?.textContent).toContain("134 件はまだ表示していません");
    expect(document.querySelector('[data-show-more="trainings"]')?.textContent).toContain("さらに 134 件");
    (document.querySelector('[data-show-all="trainings"]') as HTMLButtonElement).click();
    flushSync();
    expect(cards().length).toBe(234);
    expect(document.querySelector(".cards-more")).toBeNull();
  }, 30_000);

  it("shows a card a jump asks for, and a card just added, wherever they are", async () => {
    const draft = $state(draftWith(1_000));
    mounted.push(mount(CardList, { target: document.body, props: {
      list: "trainings", draft, templates, findings: [], onAdd: () => {}, onChange: () => {}, onDelete: () => {},
    } }));
    await tick();
    expect(document.querySelector('[data-item-id="tr-876"]')).toBeNull();
    revealCard("tr-876");
    flushSync();
    expect(document.querySelector('[data-item-id="tr-876"]')).not.toBeNull();
    draft.trainings.push({ ...$state.snapshot(draft.trainings[0]), id: "tr-new", title: "新しい研修" });
    flushSync();
    expect(document.querySelector('[data-item-id="tr-new"]')).not.toBeNull();
    expect(cards().length).toBe(102);
  }, 30_000);
});
