//! Saves into a draft in a loop, printing the number of every save after its transaction
//! has committed. The crash test kills this process at random moments.
//!
//! usage: crash-child DATA_DIR DRAFT_ID START

use std::io::Write;

use hoshin_model::{Ability, Item};
use hoshin_store::{Store, VersionKind};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (dir, draft, start): (&str, &str, u64) =
        (&args[1], &args[2], args[3].parse().expect("START"));
    let mut store = Store::open(std::path::Path::new(dir)).expect("open");
    let mut out = std::io::stdout().lock();
    for i in start.. {
        let id = format!("ab-{i}");
        match i % 4 {
            // A new item.
            0 | 1 => store
                .put_item(
                    draft,
                    &Item::Ability(Ability {
                        id,
                        name: format!("能力 {i}"),
                        description: "あ".repeat((i % 50) as usize),
                        category: String::new(),
                        digital_type: None,
                        layers: vec![],
                        personas: vec![],
                    }),
                )
                .expect("put_item"),
            // A single-field autosave of the previous item.
            2 => {
                store
                    .set_item_field(
                        draft,
                        &format!("ab-{}", i - 1),
                        "description",
                        serde_json::json!(format!("更新 {i}")),
                    )
                    .expect("set_item_field");
            }
            // A section, and now and then a named version.
            _ => {
                store
                    .set_section(draft, "kihon.shokuinzo", &i.to_string())
                    .expect("set_section");
                if i % 40 == 3 {
                    store
                        .snapshot(draft, &format!("版 {i}"), VersionKind::Manual)
                        .expect("snapshot");
                }
            }
        }
        writeln!(out, "{i}").expect("stdout");
        out.flush().expect("flush");
    }
}
