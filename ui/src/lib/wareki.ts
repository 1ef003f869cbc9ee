// 和暦 labels, the same rules as hoshin_model::wareki (Rust) so the UI and the exported
// documents never disagree.

const ERAS: ReadonlyArray<readonly [string, number, number, number]> = [
  ["令和", 2019, 5, 1],
  ["平成", 1989, 1, 8],
  ["昭和", 1926, 12, 25],
];

function eraYear(name: string, startYear: number, year: number): string {
  const n = year - startYear + 1;
  return n === 1 ? `${name}元` : `${name}${n}`;
}

/** 「令和7年度」 for fiscal year 2025; 2019 is 令和元年度 by common usage. */
export function fy(year: number): string {
  if (!Number.isInteger(year)) return "";
  if (year >= 2019) return `${eraYear("令和", 2019, year)}年度`;
  if (year >= 1989) return `${eraYear("平成", 1989, year)}年度`;
  if (year >= 1927) return `${eraYear("昭和", 1926, year)}年度`;
  return `${year}年度`;
}

/** 「令和7年度～令和11年度」, or one label when both ends are the same year. */
export function fyRange(from: number, to: number): string {
  return from === to ? fy(from) : `${fy(from)}～${fy(to)}`;
}

/** 「令和7年3月1日」. */
export function date(year: number, month: number, day: number): string {
  for (const [name, y, m, d] of ERAS) {
    if (year > y || (year === y && (month > m || (month === m && day >= d)))) {
      return `${eraYear(name, y, year)}年${month}月${day}日`;
    }
  }
  return `${year}年${month}月${day}日`;
}

/** Japan-time parts of an RFC 3339 timestamp, or null when it does not parse. */
function jstParts(ts: string): { y: number; mo: number; d: number; h: number; mi: number } | null {
  const ms = Date.parse(ts);
  if (Number.isNaN(ms)) return null;
  const t = new Date(ms + 9 * 3600 * 1000); // read with getUTC* = Japan time, whatever the PC's zone
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes() };
}

/** 「令和7年3月1日 14:05」 (Japan time) for an RFC 3339 timestamp; the input itself if unreadable. */
export function dateTimeOfRfc3339(ts: string): string {
  const p = jstParts(ts);
  if (!p) return ts;
  return `${date(p.y, p.mo, p.d)} ${String(p.h).padStart(2, "0")}:${String(p.mi).padStart(2, "0")}`;
}

/** The fiscal year (April–March) a moment falls in, in Japan time. */
export function fiscalYearOf(now: Date): number {
  const p = jstParts(now.toISOString())!;
  return p.mo >= 4 ? p.y : p.y - 1;
}
