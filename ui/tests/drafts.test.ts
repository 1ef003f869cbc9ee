import { describe, expect, it } from "vitest";
import type { DraftSummary } from "../src/generated/DraftSummary";
import { checkNewDraft, periodLabel, sortDrafts } from "../src/lib/drafts";
import { isComposing } from "../src/lib/ime";

export function summary(id: string, updated_at: string, over: Partial<DraftSummary> = {}): DraftSummary {
  return {
    id, municipality: "桜市", municipality_kind: "city", title: `方針${id}`, period: { from: 2025, to: 2029 },
    status: "drafting", created_at: updated_at, updated_at, trashed_at: null, revision: 1, ...over,
  };
}

describe("drafts list", () => {
  it("sorts most recently edited first, ties by id", () => {
    const list = [
      summary("b", "2025-04-01T00:00:00.000Z"),
      summary("c", "2025-05-01T00:00:00.000Z"),
      summary("a", "2025-04-01T00:00:00.000Z"),
    ];
    expect(sortDrafts(list).map((d) => d.id)).toEqual(["c", "a", "b"]);
    expect(list.map((d) => d.id)).toEqual(["b", "c", "a"]); // input untouched
  });
  it("labels the plan period in 和暦 with its length", () => {
    expect(periodLabel({ from: 2025, to: 2029 })).toBe("令和7年度～令和11年度（5年間）");
  });
});

describe("新規作成 input", () => {
  const ok = { municipality: " 桜市 ", title: "人材育成・確保基本方針", from: "２０２５", to: "2029" };
  it("accepts full-width digits and trims names", () => {
    expect(checkNewDraft(ok).value).toEqual({ municipality: "桜市", title: "人材育成・確保基本方針", from: 2025, to: 2029 });
  });
  it("explains every problem in Japanese", () => {
    const r = checkNewDraft({ municipality: "", title: " ", from: "令和7", to: "2024" });
    expect(r.value).toBeUndefined();
    expect(r.errors.municipality).toBe("団体名を入力してください");
    expect(r.errors.title).toBe("表題を入力してください");
    expect(r.errors.from).toContain("西暦");
    expect(checkNewDraft({ ...ok, from: "2030" }).errors.period).toBe("終了年度（令和11年度）が開始年度（令和12年度）より前です");
  });
  it("treats IME keys as composing", () => {
    expect(isComposing({ isComposing: true, keyCode: 13 })).toBe(true);
    expect(isComposing({ isComposing: false, keyCode: 229 })).toBe(true);
    expect(isComposing({ isComposing: false, keyCode: 13 })).toBe(false);
  });
});
