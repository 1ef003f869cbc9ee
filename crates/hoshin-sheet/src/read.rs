//! An edited workbook read back into a change set, checked cell by cell.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use calamine::{open_workbook_from_rs, Data, Range, Reader, Xlsx};
use hoshin_model::templates::Lists;
use hoshin_model::validate::validate_item;
use hoshin_model::{new_id, Draft, Item};

use crate::columns::{sheets, Ctx, In, Sheet};
use crate::write::{results_head, ID_HEAD, RESULTS_SHEET};
use crate::{cell_name, CellChange, CellError, PlanChanges, Removed, RowChange, SheetError};

/// A workbook larger than this is refused before it is opened.
const MAX_FILE: usize = 50 << 20;
/// Nor may its parts unpack to more than this (a zip bomb stops here).
const MAX_UNPACKED: u64 = 200 << 20;
/// Rows read per sheet.
const MAX_ROWS: u32 = 20_000;

fn unreadable(name: &str, why: &str) -> SheetError {
    SheetError::Unreadable(format!(
        "{name} を Excel（.xlsx）の表として読めません（{why}）。Hoshin から書き出した表を Excel で開き、「.xlsx」形式で保存し直してください"
    ))
}

/// Size checks from the zip directory, before anything is inflated.
fn check_package(name: &str, bytes: &[u8]) -> Result<(), SheetError> {
    check_package_within(name, bytes, MAX_UNPACKED)
}

fn check_package_within(name: &str, bytes: &[u8], max_unpacked: u64) -> Result<(), SheetError> {
    if bytes.len() > MAX_FILE {
        return Err(SheetError::Unreadable(format!(
            "{name} は {} MB あり、大きすぎます（上限 {} MB）。計画の表だけを残して保存し直してください",
            bytes.len() >> 20,
            MAX_FILE >> 20
        )));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| unreadable(name, "zip 形式ではありません"))?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|_| unreadable(name, "ファイルが壊れています"))?;
        total = total.saturating_add(f.size());
        if total > max_unpacked {
            return Err(SheetError::Unreadable(format!(
                "{name} は展開すると {} MB を超えます。計画の表として大きすぎるため読みません",
                max_unpacked >> 20
            )));
        }
    }
    let mut probe = String::new();
    if let Ok(mut f) = zip.by_name("[Content_Types].xml") {
        let _ = f.by_ref().take(4096).read_to_string(&mut probe);
    }
    if !probe.contains("spreadsheetml") {
        return Err(unreadable(name, "Excel のブックではありません"));
    }
    // The directory's sizes are only claims: a part that inflates past its claimed size (a
    // zip bomb behind a directory that understates it) stops here, after that many bytes.
    for i in 0..zip.len() {
        let f = zip
            .by_index(i)
            .map_err(|_| unreadable(name, "ファイルが壊れています"))?;
        let claimed = f.size();
        let inflated = std::io::copy(&mut f.take(claimed.saturating_add(1)), &mut std::io::sink())
            .map_err(|_| unreadable(name, "ファイルが壊れています"))?;
        if inflated > claimed {
            return Err(unreadable(
                name,
                "展開した大きさが zip の目録と合いません。ファイルが壊れています",
            ));
        }
    }
    Ok(())
}

fn cell_in(d: Option<&Data>) -> In {
    match d {
        None | Some(Data::Empty) => In::Empty,
        Some(Data::String(s)) if s.trim().is_empty() => In::Empty,
        Some(Data::String(s)) => In::Text(s.clone()),
        Some(Data::Float(f)) => In::Num(*f),
        Some(Data::Int(i)) => In::Num(*i as f64),
        Some(Data::Bool(b)) => In::Text(if *b { "TRUE".into() } else { "FALSE".into() }),
        Some(Data::DateTime(dt)) => In::Text(format!("{dt}")),
        Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => In::Text(s.clone()),
        Some(Data::Error(e)) => In::Text(format!("#{e:?}")),
    }
}

fn at(r: &Range<Data>, row: u32, col: u32) -> Option<&Data> {
    r.get_value((row, col))
}

fn text(d: Option<&Data>) -> String {
    match cell_in(d) {
        In::Empty => String::new(),
        In::Text(s) => s.trim().to_string(),
        In::Num(n) => crate::columns::number(n),
    }
}

/// Run a calamine call on the workbook. calamine trusts some of the package's numbers (a
/// cell of type `s` whose index is past the shared strings panics with an index out of
/// bounds); such a workbook is damaged, and is refused as one instead of ending the command.
fn calamine_guarded<T>(name: &str, f: impl FnOnce() -> T) -> Result<T, SheetError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .map_err(|_| unreadable(name, "セルの中身が壊れています"))
}

/// Read `bytes` (an .xlsx named `name`) against draft `d`: the changes it would make, or the
/// problems that stop it. Nothing is changed here.
pub fn read_plan(
    d: &Draft,
    l: &Lists,
    name: &str,
    bytes: &[u8],
) -> Result<PlanChanges, SheetError> {
    check_package(name, bytes)?;
    let mut wb: Xlsx<_> = calamine_guarded(name, || open_workbook_from_rs(Cursor::new(bytes)))?
        .map_err(|e: calamine::XlsxError| unreadable(name, &e.to_string()))?;
    let c = Ctx::new(d, l);
    let mut out = PlanChanges::default();
    let present = wb.sheet_names();
    for s in sheets(&c) {
        if !present.iter().any(|n| n == s.name) {
            // A sheet taken out of the workbook changes nothing of its kind.
            continue;
        }
        let range = calamine_guarded(name, || wb.worksheet_range(s.name))?
            .map_err(|e| unreadable(name, &e.to_string()))?;
        read_sheet(&s, &range, &c, &mut out);
    }
    if present.iter().any(|n| n == RESULTS_SHEET) {
        let range = calamine_guarded(name, || wb.worksheet_range(RESULTS_SHEET))?
            .map_err(|e| unreadable(name, &e.to_string()))?;
        read_results(&range, &c, &mut out);
    }
    Ok(out)
}

/// The 実績 sheet: an indicator's value per plan year; the other parts of a result (when,
/// by whom, notes) stay as recorded.
fn read_results(range: &Range<Data>, c: &Ctx, out: &mut PlanChanges) {
    let Some((end_row, end_col)) = range.end() else {
        return;
    };
    let years: Vec<i32> = (c.period.from..=c.period.to).collect();
    let mut id_col = None;
    let mut year_col: Vec<(i32, u32)> = Vec::new();
    for col in 0..=end_col.min(500) {
        let h = text(at(range, 0, col));
        if h == ID_HEAD || h == "ID" {
            id_col = Some(col);
        } else if let Some(fy) = years.iter().find(|fy| results_head(**fy) == h) {
            year_col.push((*fy, col));
        }
    }
    let Some(id_col) = id_col else {
        out.errors.push(CellError {
            cell: format!("{RESULTS_SHEET}!A1"),
            message: format!("シート「{RESULTS_SHEET}」に「{ID_HEAD}」の列がありません"),
        });
        return;
    };
    let mut seen = HashSet::new();
    for row in 1..=end_row.min(MAX_ROWS) {
        let id = text(at(range, row, id_col));
        if id.is_empty() {
            continue;
        }
        let here = |col: u32| format!("{RESULTS_SHEET}!{}", cell_name(col as usize, row + 1));
        let Some(ind) = c.d.indicators.iter().find(|i| i.id == id) else {
            out.errors.push(CellError {
                cell: here(id_col),
                message: format!(
                    "ID「{id}」の指標はこの下書きにありません。ID は変えないでください"
                ),
            });
            continue;
        };
        if !seen.insert(id.clone()) {
            out.errors.push(CellError {
                cell: here(id_col),
                message: format!("ID「{id}」の行が二つあります。一つにまとめてください"),
            });
            continue;
        }
        let mut cells = Vec::new();
        for (fy, col) in &year_col {
            let v = match cell_in(at(range, row, *col)) {
                In::Empty => None,
                In::Num(n) if n.is_finite() => Some(n),
                other => {
                    let t = match other {
                        In::Text(t) => t,
                        _ => String::new(),
                    };
                    let parsed = t
                        .trim()
                        .replace([',', '，'], "")
                        .parse::<f64>()
                        .ok()
                        .filter(|n| n.is_finite());
                    match parsed {
                        Some(n) => Some(n),
                        None => {
                            out.errors.push(CellError {
                                cell: here(*col),
                                message: format!(
                                    "「{}」は数値として読めません。実績値を数字で入力してください",
                                    t.trim()
                                ),
                            });
                            continue;
                        }
                    }
                }
            };
            let old = c.d.results.iter().find(|r| r.item == id && r.fy == *fy);
            let before = old.and_then(|r| r.value);
            if before == v {
                continue;
            }
            let mut r = old
                .cloned()
                .unwrap_or_else(|| hoshin_model::YearResult::new(&id, *fy));
            r.value = v;
            out.results.push(r);
            let show = |x: Option<f64>| x.map(crate::columns::number).unwrap_or_default();
            cells.push(CellChange {
                cell: here(*col),
                column: results_head(*fy),
                old: show(before),
                new: show(v),
            });
        }
        if !cells.is_empty() {
            out.changes.push(RowChange {
                sheet: RESULTS_SHEET.into(),
                row: row + 1,
                id: id.clone(),
                name: ind.name.clone(),
                added: false,
                cells,
            });
        }
    }
}

fn read_sheet(s: &Sheet, range: &Range<Data>, c: &Ctx, out: &mut PlanChanges) {
    let Some((end_row, end_col)) = range.end() else {
        // An empty sheet: every item of the kind is missing from it.
        for item in s.items(c.d) {
            out.removed.push(Removed {
                sheet: s.name.into(),
                id: item.id().into(),
                name: item.name().into(),
            });
        }
        return;
    };
    // Columns by heading (a user may move columns or add their own; those are ignored).
    let mut id_col = None;
    let mut col_of: HashMap<usize, u32> = HashMap::new();
    for col in 0..=end_col.min(500) {
        let h = text(at(range, 0, col));
        if h == ID_HEAD || h == "ID" {
            id_col = Some(col);
        } else if let Some(j) = s.cols.iter().position(|x| x.head == h) {
            col_of.insert(j, col);
        }
    }
    let Some(id_col) = id_col else {
        out.errors.push(CellError {
            cell: format!("{}!A1", s.name),
            message: format!("シート「{}」に「{ID_HEAD}」の列がありません。Hoshin から書き出した表に書き込んでください", s.name),
        });
        return;
    };
    let existing: Vec<Item> = s.items(c.d);
    let by_id: HashMap<&str, &Item> = existing.iter().map(|i| (i.id(), i)).collect();
    let mut seen: HashSet<String> = HashSet::new();
    let err = |out: &mut PlanChanges, col: u32, row: u32, message: String| {
        out.errors.push(CellError {
            cell: format!("{}!{}", s.name, cell_name(col as usize, row + 1)),
            message,
        });
    };
    if end_row > MAX_ROWS {
        out.errors.push(CellError {
            cell: s.name.into(),
            message: format!("行が多すぎます（{} 行まで）", MAX_ROWS),
        });
        return;
    }
    for row in 1..=end_row {
        let id = text(at(range, row, id_col));
        let cells: Vec<(usize, u32, In)> = col_of
            .iter()
            .map(|(j, col)| (*j, *col, cell_in(at(range, row, *col))))
            .collect();
        let blank = cells.iter().all(|(_, _, v)| *v == In::Empty);
        if id.is_empty() && blank {
            continue;
        }
        let (mut item, old) = if id.is_empty() {
            (Item::blank(s.kind, new_id(s.kind.prefix())), None)
        } else {
            match by_id.get(id.as_str()) {
                Some(old) => {
                    if !seen.insert(id.clone()) {
                        err(
                            out,
                            id_col,
                            row,
                            format!("ID「{id}」の行が二つあります。一つにまとめてください"),
                        );
                        continue;
                    }
                    ((*old).clone(), Some(*old))
                }
                None => {
                    let hint = match c.d.find(&id) {
                        Some((k, _)) => format!("ID「{id}」は{}の項目です。このシートには置けません", k.label()),
                        None => format!("ID「{id}」はこの下書きの{}にありません。ID は変えないでください。新しい行は ID を空欄にします", s.kind.label()),
                    };
                    err(out, id_col, row, hint);
                    continue;
                }
            }
        };
        let mut row_ok = true;
        let mut sorted = cells;
        sorted.sort_by_key(|(j, _, _)| *j);
        for (j, col, v) in &sorted {
            if let Err(m) = (s.cols[*j].set)(&mut item, v, c) {
                err(out, *col, row, m);
                row_ok = false;
            }
        }
        if item.name().trim().is_empty() {
            let col = col_of.get(&0).copied().unwrap_or(id_col);
            err(
                out,
                col,
                row,
                format!("{}の名前が空です。名前を入れてください", s.kind.label()),
            );
            continue;
        }
        for p in validate_item(&item, "$") {
            err(out, id_col, row, p.message);
            row_ok = false;
        }
        if !row_ok {
            continue;
        }
        let changed: Vec<CellChange> = s
            .cols
            .iter()
            .enumerate()
            .filter_map(|(j, col)| {
                let new = (col.show)(&item, c).shown();
                let old = old.map(|o| (col.show)(o, c).shown()).unwrap_or_default();
                let at_col = col_of.get(&j).copied()?;
                (new != old).then(|| CellChange {
                    cell: format!("{}!{}", s.name, cell_name(at_col as usize, row + 1)),
                    column: col.head.clone(),
                    old,
                    new,
                })
            })
            .collect();
        if !changed.is_empty() {
            out.changes.push(RowChange {
                sheet: s.name.into(),
                row: row + 1,
                id: item.id().into(),
                name: item.name().into(),
                added: old.is_none(),
                cells: changed,
            });
            out.puts.push(item);
        }
    }
    for item in &existing {
        if !seen.contains(item.id()) {
            out.removed.push(Removed {
                sheet: s.name.into(),
                id: item.id().into(),
                name: item.name().into(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (n, b) in parts {
            z.start_file(*n, o).unwrap();
            z.write_all(b).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn what_is_not_a_workbook_or_unpacks_too_far_is_refused_before_reading() {
        let e = check_package("a.xlsx", b"plain text").unwrap_err();
        assert!(
            e.to_string().contains("a.xlsx") && e.to_string().contains("zip"),
            "{e}"
        );
        let ct = br#"<Types><Override ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
        let e = check_package("b.xlsx", &zip_of(&[("[Content_Types].xml", ct)])).unwrap_err();
        assert!(
            e.to_string().contains("Excel のブックではありません"),
            "{e}"
        );
        // 3 MB of zeros packs to a few KB; a 2 MB limit stops it from the directory alone.
        let zeros = vec![0u8; 3 << 20];
        let bomb = zip_of(&[("xl/worksheets/sheet1.xml", &zeros)]);
        assert!(bomb.len() < 100_000);
        let e = check_package_within("c.xlsx", &bomb, 2 << 20).unwrap_err();
        assert!(e.to_string().contains("展開すると"), "{e}");
    }

    /// Fuzzing (fuzz/, target excel, its lying-zip seed mutated): a sheet that inflates to
    /// 300 MB behind a directory claiming 4 KB passed the size check and kept the import busy
    /// for seconds. Now it stops once the part inflates past what the directory claims.
    #[test]
    fn a_part_larger_than_its_directory_claims_is_refused() {
        let ct: &[u8] = br#"<Types><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;
        let zeros = vec![0u8; 3 << 20];
        // The sheet first, so that the first local and central headers are its own.
        let mut liar = zip_of(&[
            ("xl/worksheets/sheet1.xml", &zeros),
            ("[Content_Types].xml", ct),
        ]);
        for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let h = liar.windows(4).position(|w| w == sig).unwrap();
            liar[h + at..h + at + 4].copy_from_slice(&4096u32.to_le_bytes());
        }
        let e = check_package("d.xlsx", &liar).unwrap_err().to_string();
        assert!(
            e.contains("d.xlsx") && e.contains("目録と合いません"),
            "{e}"
        );
        // The same package with honest sizes passes.
        let honest = zip_of(&[
            ("xl/worksheets/sheet1.xml", &zeros),
            ("[Content_Types].xml", ct),
        ]);
        check_package("e.xlsx", &honest).unwrap();
    }

    /// Fuzzing (fuzz/, target excel): the town's exported workbook with its third sheet
    /// replaced by the fixture, where a cell of type `s` points far past the shared strings.
    /// calamine panicked (index out of bounds); now the workbook is refused as damaged.
    #[test]
    fn a_shared_string_index_past_the_table_is_refused_not_a_panic() {
        let d = hoshin_model::templates::sample("town-8000").unwrap();
        let l = hoshin_model::templates::Templates::builtin().lists;
        let exported = crate::export_plan(&d, &l).unwrap();
        let mut z = zip::ZipArchive::new(Cursor::new(exported)).unwrap();
        let sheet3: &[u8] = include_bytes!("../tests/fixtures/fuzz-shared-string-index.sheet3.xml");
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        for i in 0..z.len() {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            parts.push((f.name().to_string(), b));
        }
        let parts: Vec<(&str, &[u8])> = parts
            .iter()
            .map(|(n, b)| {
                let b = if n == "xl/worksheets/sheet3.xml" {
                    sheet3
                } else {
                    b.as_slice()
                };
                (n.as_str(), b)
            })
            .collect();
        let e = read_plan(&d, &l, "計画の表.xlsx", &zip_of(&parts)).unwrap_err();
        let e = e.to_string();
        assert!(
            e.contains("計画の表.xlsx") && e.contains("壊れています"),
            "{e}"
        );
    }
}
