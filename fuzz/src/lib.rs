//! Helpers shared by the fuzz targets: the built-in templates and sample drafts (built once),
//! small zip writers for wrapping fuzzed XML into .docx/.xlsx packages, and a runner that
//! gives each input the stack an app command gets.

use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

use hoshin_model::templates::Templates;
use hoshin_model::Draft;

/// The desktop app runs its commands on async runtime worker threads, which get 2 MiB of
/// stack; libFuzzer's main thread has 8 MiB. Each input runs on a thread with the app's
/// stack so that deep recursion is found where users would hit it.
pub const APP_STACK: usize = 2 << 20;

/// Run `f` on a thread with [`APP_STACK`]; a panic there is re-raised here so that
/// libFuzzer reports it.
pub fn on_app_stack<F: FnOnce() + Send>(f: F) {
    std::thread::scope(|s| {
        let handle = std::thread::Builder::new()
            .name("fuzz-input".into())
            .stack_size(APP_STACK)
            .spawn_scoped(s, f)
            .expect("spawn the input thread");
        if let Err(p) = handle.join() {
            std::panic::resume_unwind(p);
        }
    });
}

/// The built-in templates.
pub fn templates() -> &'static Templates {
    static T: OnceLock<Templates> = OnceLock::new();
    T.get_or_init(Templates::builtin)
}

/// Names of the sample drafts shipped with the program.
pub const SAMPLE_NAMES: [&str; 3] = ["town-8000", "city-300000", "prefecture"];

/// The sample draft `SAMPLE_NAMES[i % 3]`.
pub fn sample(i: usize) -> &'static Draft {
    static S: OnceLock<Vec<Draft>> = OnceLock::new();
    let all = S.get_or_init(|| {
        SAMPLE_NAMES
            .iter()
            .map(|n| hoshin_model::templates::sample(n).expect("sample exists"))
            .collect()
    });
    &all[i % all.len()]
}

/// A zip package with the given parts, stored (not deflated) so that the fuzzer's bytes
/// reach the XML parser unchanged.
pub fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in parts {
        z.start_file(*name, opts).expect("zip entry");
        z.write_all(bytes).expect("zip write");
    }
    z.finish().expect("zip finish");
    buf.into_inner()
}

const DOCX_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// A .docx whose word/document.xml is `document_xml`.
pub fn docx_with(document_xml: &[u8]) -> Vec<u8> {
    zip_parts(&[
        ("[Content_Types].xml", DOCX_TYPES),
        ("word/document.xml", document_xml),
    ])
}

/// The entries of a zip package (name, inflated bytes); for well-formed packages we built.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("our own zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut v = Vec::new();
            f.read_to_end(&mut v).expect("inflate");
            (f.name().to_string(), v)
        })
        .collect()
}

/// `parts` with the entry `name` replaced by `with`, as a stored zip.
pub fn replace_part(parts: &[(String, Vec<u8>)], name: &str, with: &[u8]) -> Vec<u8> {
    let list: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), if n == name { with } else { b.as_slice() }))
        .collect();
    zip_parts(&list)
}
