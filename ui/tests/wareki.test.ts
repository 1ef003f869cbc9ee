import { describe, expect, it } from "vitest";
import { date, dateTimeOfRfc3339, fiscalYearOf, fy, fyRange } from "../src/lib/wareki";

describe("和暦 (same cases as hoshin_model::wareki)", () => {
  it("names fiscal years", () => {
    expect(fy(2025)).toBe("令和7年度");
    expect(fy(2019)).toBe("令和元年度");
    expect(fy(2018)).toBe("平成30年度");
    expect(fy(1989)).toBe("平成元年度");
    expect(fy(1988)).toBe("昭和63年度");
  });
  it("names a period", () => {
    expect(fyRange(2025, 2029)).toBe("令和7年度～令和11年度");
    expect(fyRange(2025, 2025)).toBe("令和7年度");
  });
  it("names dates at era boundaries", () => {
    expect(date(2019, 4, 30)).toBe("平成31年4月30日");
    expect(date(2019, 5, 1)).toBe("令和元年5月1日");
    expect(date(1989, 1, 7)).toBe("昭和64年1月7日");
  });
  it("shows timestamps in Japan time", () => {
    // 2025-03-31 15:30 UTC is already 1 April in Japan.
    expect(dateTimeOfRfc3339("2025-03-31T15:30:00.000Z")).toBe("令和7年4月1日 00:30");
    expect(dateTimeOfRfc3339("not a time")).toBe("not a time");
  });
  it("finds the fiscal year (April–March, Japan time)", () => {
    expect(fiscalYearOf(new Date("2026-03-31T14:59:00Z"))).toBe(2025);
    expect(fiscalYearOf(new Date("2026-03-31T15:00:00Z"))).toBe(2026);
  });
});
