//! 「現行方針の取り込み」 from file bytes, on the same path the app takes
//! (`hoshin_ops::read_old_policy`: .docx when the bytes are a zip, else text in UTF-8,
//! UTF-8 with BOM or Shift_JIS), then what follows in the app: mapping suggestions, the
//! baseline version built from the outline and the 新旧対照表 rows against a sample draft.
//!
//! The first byte chooses the file: 0 → .txt, 1 → .md, 2 → .docx (bytes as they are),
//! 3 → .docx built around the rest as word/document.xml (to reach the XML reader).
#![no_main]

use hoshin_fuzz::{docx_with, on_app_stack, sample, templates};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (name, bytes) = match mode % 4 {
        0 => ("現行方針.txt", rest.to_vec()),
        1 => ("現行方針.md", rest.to_vec()),
        2 => ("現行方針.docx", rest.to_vec()),
        _ => ("現行方針.docx", docx_with(rest)),
    };
    on_app_stack(|| match hoshin_ops::read_old_policy(name, &bytes) {
        Ok(outline) => {
            assert!(outline.sections.iter().any(|s| !s.body.trim().is_empty()));
            let t = templates();
            let suggestions = hoshin_revise::suggest(&outline, t);
            let mapping: Vec<(usize, Option<String>)> = suggestions
                .iter()
                .map(|s| (s.section, s.item.clone()))
                .collect();
            let current = sample(mode as usize / 4);
            let base = hoshin_revise::baseline(current, &outline, &mapping);
            let _ = hoshin_revise::compare(&base, current, t);
        }
        Err(e) => {
            // Refusals name the file and say what to do.
            assert!(
                e.message.contains(name),
                "message without the file name: {}",
                e.message
            );
            assert!(!e.hint.is_empty() || e.message.chars().count() > name.chars().count() + 5);
        }
    });
});
