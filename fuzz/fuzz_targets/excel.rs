//! An edited plan workbook read back (`hoshin_sheet::read_plan`) against a sample draft.
//!
//! The first byte chooses the sample draft and how the rest is used: as the whole .xlsx,
//! or as one part (shared strings, a sheet, the workbook, content types, styles) of the
//! workbook exported from that draft, so that the fuzzer reaches the XML and the cell
//! checks instead of stopping at the zip layer.
#![no_main]

use std::sync::OnceLock;

use hoshin_fuzz::{on_app_stack, replace_part, sample, templates, unzip};
use libfuzzer_sys::fuzz_target;

type Parts = Vec<(String, Vec<u8>)>;

/// The exported workbook of each sample draft, unpacked.
fn exported(i: usize) -> &'static Parts {
    static W: OnceLock<Vec<Parts>> = OnceLock::new();
    let all = W.get_or_init(|| {
        (0..3)
            .map(|i| {
                let bytes = hoshin_sheet::export_plan(sample(i), &templates().lists)
                    .expect("export the sample's plan");
                unzip(&bytes)
            })
            .collect()
    });
    &all[i % 3]
}

const PARTS: [&str; 9] = [
    "xl/sharedStrings.xml",
    "xl/worksheets/sheet1.xml",
    "xl/worksheets/sheet2.xml",
    "xl/worksheets/sheet3.xml",
    "xl/worksheets/sheet4.xml",
    "xl/worksheets/sheet5.xml",
    "xl/workbook.xml",
    "[Content_Types].xml",
    "xl/_rels/workbook.xml.rels",
];

/// hoshin-sheet catches a panic inside calamine and refuses the workbook as damaged (what the
/// app shows); libfuzzer-sys's panic hook would abort before that. Its hook gives way to the
/// default one: a panic that reaches the fuzz target still aborts (libfuzzer-sys catches it
/// and aborts), one the crate handles does not.
fn default_panic_hook() {
    static ONCE: OnceLock<()> = OnceLock::new();
    ONCE.get_or_init(|| drop(std::panic::take_hook()));
}

fuzz_target!(|data: &[u8]| {
    default_panic_hook();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let which = (mode % 3) as usize;
    let how = (mode / 3) as usize % (PARTS.len() + 1);
    let bytes = if how == 0 {
        rest.to_vec()
    } else {
        replace_part(exported(which), PARTS[how - 1], rest)
    };
    let name = "計画の表.xlsx";
    on_app_stack(|| {
        match hoshin_sheet::read_plan(sample(which), &templates().lists, name, &bytes) {
            Ok(changes) => {
                // Cell problems name their cell and say what is wrong.
                for e in &changes.errors {
                    assert!(!e.cell.is_empty() && !e.message.is_empty(), "{e:?}");
                }
                for c in &changes.changes {
                    assert!(c.row >= 1 && !c.sheet.is_empty(), "{c:?}");
                }
            }
            Err(e) => {
                let msg = e.to_string();
                assert!(msg.contains(name), "message without the file name: {msg}");
            }
        }
    });
});
