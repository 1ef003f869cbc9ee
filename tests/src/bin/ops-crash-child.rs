//! Autosaves through the operations layer in a loop — the same `hoshin_ops::Workspace` calls
//! the app's Tauri commands make for autosave (`set_section`, `put_item`, `update_meta`), each
//! answering with the fresh check — and prints the number of every save once the call has
//! returned. `tests/ops_crash.rs` kills this process at random moments.
//!
//! usage: ops-crash-child DATA_DIR DRAFT_ID START
//! Prints `ready` once the store is open, then one number per acknowledged save. Save `i`:
//! - `i % 3 == 0`: the section `kihon.shokuinzo` becomes `i`;
//! - `i % 3 == 1`: the ability `ab-{(i / 3) % 20}` is saved whole, its description `i`;
//! - `i % 3 == 2`: the draft's title (one meta field) becomes `方針 {i}`.

use std::io::Write;

use hoshin_model::{Ability, Item};
use hoshin_ops::Workspace;
use hoshin_store::MetaPatch;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (dir, draft, start): (&str, &str, u64) =
        (&args[1], &args[2], args[3].parse().expect("START"));
    let mut ws = Workspace::open(Some(std::path::Path::new(dir)));
    ws.store().expect("open");
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").expect("stdout");
    out.flush().expect("flush");
    for i in start.. {
        match i % 3 {
            0 => {
                ws.set_section(draft, "kihon.shokuinzo", &i.to_string())
                    .expect("set_section");
            }
            1 => {
                ws.put_item(
                    draft,
                    &Item::Ability(Ability {
                        id: format!("ab-{}", (i / 3) % 20),
                        name: format!("能力 {i}"),
                        description: i.to_string(),
                        category: String::new(),
                        digital_type: None,
                        layers: vec![],
                        personas: vec![],
                    }),
                )
                .expect("put_item");
            }
            _ => {
                ws.update_meta(
                    draft,
                    &MetaPatch {
                        title: Some(format!("方針 {i}")),
                        ..MetaPatch::default()
                    },
                )
                .expect("update_meta");
            }
        }
        writeln!(out, "{i}").expect("stdout");
        out.flush().expect("flush");
    }
}
