//! The workbook: one sheet per plan table, a hidden sheet with the drop-down choices, and a
//! short 使い方 sheet. Column A is the ID that ties a row to its item.

use hoshin_model::templates::Lists;
use hoshin_model::Draft;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, Format, FormatAlign, FormatBorder,
    Formula, Workbook, XlsxError,
};

use crate::columns::{sheets, Ctx, Out};
use crate::SheetError;

/// Rows a drop-down covers below the header (new rows can be added down to here).
const VALIDATED_ROWS: u32 = 1000;
pub(crate) const CHOICES_SHEET: &str = "選択肢";
pub(crate) const HELP_SHEET: &str = "使い方";
pub(crate) const ID_HEAD: &str = "ID（変更しない）";
pub(crate) const RESULTS_SHEET: &str = "実績";
/// Reference columns of the 実績 sheet (names are edited on the 指標 sheet).
pub(crate) const RESULTS_NAME: &str = "指標（参照）";
pub(crate) const RESULTS_UNIT: &str = "単位（参照）";

/// The heading of the 実績 column of fiscal year `fy`.
pub(crate) fn results_head(fy: i32) -> String {
    format!("{}実績", hoshin_model::wareki::fy_short(fy))
}

/// Display width of a text as Excel counts columns (a full-width character is two).
fn width(s: &str) -> f64 {
    s.lines()
        .map(|l| {
            l.chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 2.1 })
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}

fn column_letters(col: u16) -> String {
    crate::cell_name(col as usize, 1)
        .trim_end_matches('1')
        .to_string()
}

fn err(e: XlsxError) -> SheetError {
    SheetError::Write(e.to_string())
}

/// The plan tables of `d` as an .xlsx file.
pub fn export_plan(d: &Draft, l: &Lists) -> Result<Vec<u8>, SheetError> {
    let c = Ctx::new(d, l);
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{}（計画の表）", d.meta.title))
            .set_author(&d.meta.municipality)
            .set_comment("Hoshin で書き出した研修計画・採用計画・施策・指標。ID の列は変えずに編集し、Hoshin の「Excelから取り込む」で戻します。"),
    );
    let head = Format::new()
        .set_bold()
        .set_background_color("#E7E6E6")
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let id_fmt = Format::new().set_font_color("#595959");
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let num = Format::new()
        .set_align(FormatAlign::Top)
        .set_num_format("#,##0.##");

    let all = sheets(&c);
    // The choices of every drop-down, one column each, on a hidden sheet (lists longer than
    // 255 characters cannot be written inline).
    let mut choice_cols: Vec<(String, Vec<String>)> = Vec::new();
    for s in &all {
        for col in &s.cols {
            if let Some(ch) = &col.choices {
                if !choice_cols.iter().any(|(_, c)| c == ch) {
                    let head = if ch.len() == 1 && ch[0] == "○" {
                        "印（実施する年度など）".to_string()
                    } else {
                        col.head.clone()
                    };
                    choice_cols.push((head, ch.clone()));
                }
            }
        }
    }

    for s in &all {
        let ws = wb.add_worksheet();
        ws.set_name(s.name).map_err(err)?;
        ws.write_string_with_format(0, 0, ID_HEAD, &head)
            .map_err(err)?;
        let mut widths = vec![width(ID_HEAD).min(14.0)];
        for (j, col) in s.cols.iter().enumerate() {
            ws.write_string_with_format(0, (j + 1) as u16, &col.head, &head)
                .map_err(err)?;
            widths.push(width(&col.head) + 2.0);
        }
        for (i, item) in s.items(d).iter().enumerate() {
            let row = (i + 1) as u32;
            ws.write_string_with_format(row, 0, item.id(), &id_fmt)
                .map_err(err)?;
            widths[0] = widths[0].max(width(item.id()) + 1.0);
            for (j, col) in s.cols.iter().enumerate() {
                let cn = (j + 1) as u16;
                match (col.show)(item, &c) {
                    Out::Text(t) if t.is_empty() => {}
                    Out::Text(t) => {
                        ws.write_string_with_format(row, cn, &t, &text)
                            .map_err(err)?;
                        widths[j + 1] = widths[j + 1].max(width(&t) + 1.0);
                    }
                    Out::Num(v) => {
                        ws.write_number_with_format(row, cn, v, &num).map_err(err)?;
                        widths[j + 1] = widths[j + 1].max(width(&crate::columns::number(v)) + 2.0);
                    }
                }
            }
        }
        for (j, w) in widths.iter().enumerate() {
            ws.set_column_width(j as u16, w.clamp(6.0, 48.0))
                .map_err(err)?;
        }
        ws.set_freeze_panes(1, 2).map_err(err)?;
        for (j, col) in s.cols.iter().enumerate() {
            let Some(ch) = &col.choices else { continue };
            let k = choice_cols.iter().position(|(_, c)| c == ch).unwrap_or(0) as u16;
            let letters = column_letters(k);
            let range = format!(
                "='{CHOICES_SHEET}'!${letters}$2:${letters}${}",
                ch.len() + 1
            );
            let mut dv = DataValidation::new()
                .allow_list_formula(Formula::new(range))
                .ignore_blank(true);
            if col.multi {
                // Several values may be typed, 「、」-separated: the list only helps.
                dv = dv
                    .set_error_style(DataValidationErrorStyle::Information)
                    .set_error_message(
                        "一覧にない値です。複数のときは「、」で区切って入力してください。",
                    )
                    .map_err(err)?;
            } else {
                dv = dv
                    .set_error_message("一覧から選んでください。")
                    .map_err(err)?;
            }
            let cn = (j + 1) as u16;
            ws.add_data_validation(1, cn, VALIDATED_ROWS, cn, &dv)
                .map_err(err)?;
        }
    }

    // 実績: each indicator's actual value per plan year (the rest of a result — when and by
    // whom it was measured, notes — stays as recorded in Hoshin).
    {
        let ws = wb.add_worksheet();
        ws.set_name(RESULTS_SHEET).map_err(err)?;
        let mut heads = vec![
            ID_HEAD.to_string(),
            RESULTS_NAME.into(),
            RESULTS_UNIT.into(),
        ];
        let years: Vec<i32> = (d.meta.period.from..=d.meta.period.to).collect();
        heads.extend(years.iter().map(|fy| results_head(*fy)));
        let mut widths: Vec<f64> = heads.iter().map(|h| width(h) + 2.0).collect();
        for (j, h) in heads.iter().enumerate() {
            ws.write_string_with_format(0, j as u16, h, &head)
                .map_err(err)?;
        }
        let grey = Format::new()
            .set_font_color("#595959")
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        for (i, ind) in d.indicators.iter().enumerate() {
            let row = (i + 1) as u32;
            ws.write_string_with_format(row, 0, &ind.id, &id_fmt)
                .map_err(err)?;
            ws.write_string_with_format(row, 1, &ind.name, &grey)
                .map_err(err)?;
            ws.write_string_with_format(row, 2, &ind.unit, &grey)
                .map_err(err)?;
            widths[0] = widths[0].max(width(&ind.id) + 1.0);
            widths[1] = widths[1].max(width(&ind.name) + 1.0);
            for (k, fy) in years.iter().enumerate() {
                let value = d
                    .results
                    .iter()
                    .find(|r| r.item == ind.id && r.fy == *fy)
                    .and_then(|r| r.value);
                if let Some(v) = value {
                    ws.write_number_with_format(row, (k + 3) as u16, v, &num)
                        .map_err(err)?;
                }
            }
        }
        for (j, w) in widths.iter().enumerate() {
            ws.set_column_width(j as u16, w.clamp(6.0, 48.0))
                .map_err(err)?;
        }
        ws.set_freeze_panes(1, 2).map_err(err)?;
    }

    let help = wb.add_worksheet();
    help.set_name(HELP_SHEET).map_err(err)?;
    let lines = [
        "この表の使い方",
        "・各シートの1行が研修・採用・施策・指標の一つです。A列の ID は Hoshin の項目と結び付いているので、変えないでください。",
        "・行を足すときは ID を空欄のままにし、名前を入れます。取り込むと新しい項目になります。",
        "・行を消しても、取り込みでは「シートにない項目」として知らせるだけで、Hoshin からは消しません（消すときは取り込みで指定します）。",
        "・能力・目標の列は Hoshin にある名前で書き、複数は改行（Alt+Enter）か「、」で区切ります。年度の列は実施する年度に ○ を入れます。",
        "・「実績」シートには指標ごと・年度ごとの実績値を入れます。指標の名前と単位は参照用で、変えても取り込まれません（名前は「指標」シートで直します）。",
        "・取り込むと、先に変更点の一覧（どのシートのどのセルがどう変わるか）が表示され、確認してから反映します。誤りのあるセルがあれば、その場所と直し方が表示され、何も変わりません。",
    ];
    for (i, l) in lines.iter().enumerate() {
        help.write_string(i as u32, 0, *l).map_err(err)?;
    }
    help.set_column_width(0, 120).map_err(err)?;

    let choices = wb.add_worksheet();
    choices.set_name(CHOICES_SHEET).map_err(err)?;
    for (k, (headline, list)) in choice_cols.iter().enumerate() {
        choices.write_string(0, k as u16, headline).map_err(err)?;
        for (r, v) in list.iter().enumerate() {
            choices
                .write_string((r + 1) as u32, k as u16, v)
                .map_err(err)?;
        }
    }
    choices.set_hidden(true);
    wb.save_to_buffer().map_err(err)
}

/// A one-sheet workbook for a study session: a title, instructions, a header row and the
/// rows (blank rows are tall enough to write in when printed).
pub fn table_workbook(
    title: &str,
    notes: &[String],
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, SheetError> {
    let mut wb = Workbook::new();
    wb.set_properties(&DocProperties::new().set_title(title));
    let ws = wb.add_worksheet();
    ws.set_name("ワークシート").map_err(err)?;
    let bold = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_background_color("#E7E6E6")
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    ws.write_string_with_format(0, 0, title, &bold)
        .map_err(err)?;
    for (i, n) in notes.iter().enumerate() {
        ws.write_string((i + 1) as u32, 0, n).map_err(err)?;
    }
    let top = (notes.len() + 2) as u32;
    let mut widths: Vec<f64> = headers.iter().map(|h| width(h) + 4.0).collect();
    for (j, h) in headers.iter().enumerate() {
        ws.write_string_with_format(top, j as u16, *h, &head)
            .map_err(err)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = top + 1 + i as u32;
        let blank = r.iter().all(|c| c.is_empty());
        for (j, c) in r.iter().enumerate().take(headers.len()) {
            ws.write_string_with_format(row, j as u16, c, &cell)
                .map_err(err)?;
            widths[j] = widths[j].max(width(c).min(40.0) + 2.0);
        }
        if blank {
            ws.set_row_height(row, 48).map_err(err)?;
        }
    }
    for (j, w) in widths.iter().enumerate() {
        ws.set_column_width(j as u16, w.clamp(14.0, 42.0))
            .map_err(err)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(top, top).map_err(err)?;
    wb.save_to_buffer().map_err(err)
}
