//! The `.hoshin.json` exchange file, on the path the app and the CLI take
//! (`hoshin_ops::Workspace::import_exchange`: size limit, BOM, UTF-8, JSON, schema, then the
//! store), and what the app does right after a successful import: the draft loaded back from
//! the store, the linkage check, the 公用文 check and writing it back out.
#![no_main]

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Mutex, OnceLock};

use hoshin_fuzz::{templates, APP_STACK};
use hoshin_model::exchange;
use hoshin_ops::Workspace;
use libfuzzer_sys::fuzz_target;

/// The workspace lives on one thread with the app's stack (a `Workspace` cannot move between
/// threads); inputs go to it one at a time. A panic there aborts the process (libfuzzer-sys's
/// panic hook), so libFuzzer reports it as from any target.
struct Worker {
    input: Sender<Vec<u8>>,
    done: Mutex<Receiver<()>>,
}

fn worker() -> &'static Worker {
    static W: OnceLock<Worker> = OnceLock::new();
    W.get_or_init(|| {
        let (input, inputs) = channel::<Vec<u8>>();
        let (done_tx, done) = channel();
        std::thread::Builder::new()
            .name("fuzz-workspace".into())
            .stack_size(APP_STACK)
            .spawn(move || {
                // Data folder in a temporary directory; every imported draft is purged again
                // so that the store stays small.
                let d = tempfile::Builder::new()
                    .prefix("hoshin-fuzz-exchange")
                    .tempdir()
                    .expect("temp dir")
                    .keep();
                let mut ws = Workspace::open(Some(&d));
                for data in inputs {
                    one(&mut ws, &data);
                    done_tx.send(()).expect("the fuzzer waits");
                }
            })
            .expect("spawn the workspace thread");
        Worker {
            input,
            done: Mutex::new(done),
        }
    })
}

fn one(ws: &mut Workspace, data: &[u8]) {
    match ws.import_exchange(data) {
        Ok(imported) => {
            let id = imported.draft.id.clone();
            let draft = ws.load_draft(&id).expect("an imported draft loads back");
            let t = templates();
            let _ = hoshin_check::check(&draft, t);
            let _ = hoshin_lint::lint(&draft, t);
            // Whatever was stored must be written and read back unchanged.
            let json = exchange::to_json(&draft, "hoshin-fuzz");
            let again = exchange::parse(&json)
                .unwrap_or_else(|e| panic!("a draft written by to_json does not read back: {e}"));
            assert_eq!(again, draft, "round trip changed the draft");
            ws.set_trashed(&id, true).expect("move the imported draft to the trash");
            ws.store()
                .and_then(|s| s.purge_draft(&id).map_err(Into::into))
                .expect("purge the imported draft");
        }
        Err(e) => {
            // Every refusal says what happened, in Japanese.
            assert!(!e.message.is_empty(), "{e:?}");
            assert!(!e.message.is_ascii(), "a refusal not in Japanese: {e:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let w = worker();
    let done = w.done.lock().unwrap_or_else(|p| p.into_inner());
    w.input
        .send(data.to_vec())
        .expect("the workspace thread runs");
    done.recv().expect("the workspace thread answers");
});
